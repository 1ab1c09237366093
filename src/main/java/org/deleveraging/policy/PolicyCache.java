package org.deleveraging.policy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.deleveraging.policy.sandbox.Sandbox;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.base.util.Drools;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.impl.RuleBaseFactory;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.definition.KiePackage;

/**
 * Compiled policies on disk, so that a fresh JVM can use an unchanged policy without the classic DRL build, whose
 * first run in a JVM costs seconds of class loading and JIT. An entry is the compiled packages of one successful
 * classic build, serialized by Drools itself; the KieBase is rebuilt from them exactly as a KieContainer builds it
 * from the same packages, so the rules behave identically.
 *
 * <p>An entry is found only under its key, a hash over everything the compiled packages depend on: the DRL files'
 * names and contents, the Java, Drools, MVEL and ECJ versions, and the bytes of every application class the rules
 * import or name (so a rebuilt fact class invalidates it). A policy that does not compile is never stored, so its
 * errors always come from the classic build with their {@code file:line}. A damaged, unreadable or refused entry is
 * deleted and the policy compiled again; a failure to write only costs the next start its speed.
 *
 * <p>An entry is code (classes compiled from rules, Java-serialized objects), and whoever can write a file into the
 * cache folder must not be able to make it run (issue 21: a hostile policy's entry copied over bitmex's ran whenever
 * bitmex ran, while runs recorded bitmex's hash). So each entry is sealed with an HMAC-SHA256 over all of it, the
 * policy id and key in its header included, keyed by a random secret kept outside the cache folder ({@code keyFile},
 * in the data folder beside the store, owner-only): a checksum anyone can recompute, or an entry sealed by another
 * data folder, or one renamed to another policy's name, no longer passes. Only then is it deserialized, and then
 * through a filter ({@link #filter}) that admits only what compiled packages hold, in case the seal is ever
 * bypassed. The cache folder itself therefore needs no more trust than any other input; the key file needs the
 * trust of the data folder it sits in.
 *
 * <p>The filter reaches the stream this class opens. Drools reads the class files of a package's rules through a
 * nested stream of its own (JavaDialectRuntimeData), which only a JVM-wide filter ({@code jdk.serialFilter}) reaches;
 * what it reads is inside the sealed payload.
 */
public final class PolicyCache {
    /** Bumped whenever what an entry holds, or how it is turned back into a KieBase, changes. 2: sealed by HMAC. */
    private static final int FORMAT = 2;
    private static final String MAGIC = "adl-workbench compiled policy";
    private static final String SUFFIX = ".kbase";
    /** The KieContainer's name for the kmodule-less default KieBase that the classic build produces. */
    private static final String KIE_BASE_NAME = "defaultKieBase";
    /** Entries kept per policy id: the current one and a few recent versions to switch back to while editing. */
    private static final int KEEP_PER_POLICY = 3;
    private static final String MAC_ALGORITHM = "HmacSHA256";
    private static final int MAC_BYTES = 32;
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    /** The reference policies' entries are under 100 KB; a file far larger is not read into memory. */
    private static final long MAX_ENTRY_BYTES = 64L << 20;
    /**
     * The reference policies' packages nest 15 deep; a limit well above that still stops a stream from recursing
     * into a stack overflow.
     */
    private static final int MAX_DEPTH = 200;
    /**
     * What the compiled packages of the reference policies hold, seen by serializing them all: Drools', KIE's and
     * MVEL's own classes, the facts the rules use, and the JDK's collections, numbers and boxes. The rules' own
     * compiled classes never appear as objects: Drools keeps them as byte arrays and defines them after reading.
     * Anything else (java.io, java.net, java.lang.reflect, javax, Spring, H2, the workbench outside its facts) is
     * refused, as is whatever the patterns do not name.
     */
    private static final String ALLOWED_CLASSES = String.join(";",
            "java.lang.Object", "java.lang.String", "java.lang.Number", "java.lang.Enum", "java.lang.Boolean",
            "java.lang.Byte", "java.lang.Character", "java.lang.Short", "java.lang.Integer", "java.lang.Long",
            "java.lang.Float", "java.lang.Double", "java.math.*", "java.util.*", "java.util.concurrent.*",
            "java.util.concurrent.atomic.*", "java.util.concurrent.locks.*",
            "org.drools.**", "org.kie.**", "org.mvel2.**", "org.deleveraging.facts.*");

    private static final Pattern IMPORT = Pattern.compile(
            "(?m)^\\s*import\\s+(static\\s+|function\\s+|accumulate\\s+)?([\\w.$]+?)(\\.\\*)?\\s*;?\\s*$");
    private static final Pattern GLOBAL = Pattern.compile("(?m)^\\s*global\\s+([\\w.$]+)");
    private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z_][\\w]*\\.)+[A-Z][\\w$]*");
    /** Code whose version changes what the classic build produces or how its output is read back. */
    private static final List<String> ENGINE_CLASSES = List.of("org/drools/core/impl/KnowledgeBaseImpl.class",
            "org/drools/base/common/DroolsObjectInputStream.class",
            "org/drools/compiler/builder/impl/KnowledgeBuilderImpl.class",
            "org/drools/mvel/MVELConstraint.class", "org/mvel2/MVEL.class",
            "org/eclipse/jdt/internal/compiler/Compiler.class",
            "org/drools/kiesession/rulebase/SessionsAwareKnowledgeBase.class");

    private final Path dir;
    private final Path keyFile;
    private final ClassLoader classLoader;
    /** A class's bytes cannot change under a running JVM once loaded, so each is hashed once. */
    private final Map<String, String> classHashes = new ConcurrentHashMap<>();
    private final AtomicInteger hits = new AtomicInteger();
    private volatile String environment;
    /** Read or made on first use, so that an unusable key file costs speed, not the start; empty when unusable. */
    private Optional<SecretKey> sealingKey;

    /**
     * @param dir the cache folder; created on the first store
     * @param keyFile the secret entries are sealed with; made on first use. Outside {@code dir}, in a folder only the
     *        workbench's user writes to (the data folder), or the seal proves nothing
     */
    public PolicyCache(Path dir, Path keyFile) {
        this.dir = dir;
        this.keyFile = keyFile;
        this.classLoader = PolicyCache.class.getClassLoader();
    }

    /**
     * A cache in {@code dir} whose key is {@code <dir>.key} in the folder above it: for the default
     * {@code data/policy-cache}, {@code data/policy-cache.key}, in the data folder beside the store and its secret.
     */
    public static PolicyCache keyedBeside(Path dir) {
        Path folder = dir.toAbsolutePath().normalize();
        if (folder.getParent() == null) throw new IllegalArgumentException("the policy cache folder " + dir
                + " has no parent folder for its key");
        return new PolicyCache(folder, folder.resolveSibling(folder.getFileName() + ".key"));
    }

    public Path dir() { return dir; }

    /** How many loads this cache answered, so far in this JVM. */
    public int hits() { return hits.get(); }

    /** A compiled DRL file as the build sees it: the resource name it was written under, and its text. */
    record Source(String resource, String text) {}

    /**
     * The key of one policy's compiled form: equal keys mean the classic build would produce the same packages. Empty
     * when a class the rules refer to cannot be read, as then nothing could vouch for an entry.
     */
    Optional<String> key(String policyId, List<Source> sources) {
        MessageDigest md = sha256();
        update(md, "format " + FORMAT);
        update(md, environment());
        update(md, policyId);
        TreeSet<String> names = new TreeSet<>();
        for (Source s : sources) {
            update(md, s.resource());
            update(md, s.text());
            names.addAll(referencedNames(s.text()));
        }
        for (String name : names) {
            String hash = classHash(name);
            if (hash == null) return Optional.empty();
            update(md, name);
            update(md, hash);
        }
        return Optional.of(HexFormat.of().formatHex(md.digest()));
    }

    /** The cached KieBase for this key, or empty when there is none or it cannot be used (then it is removed). */
    Optional<KieBase> load(String policyId, String key) {
        Path file = file(policyId, key);
        if (!Files.isRegularFile(file)) return Optional.empty();
        Optional<SecretKey> secret = sealingKey();
        if (secret.isEmpty()) return Optional.empty(); // nothing could vouch for the entry; it may be good, so it stays
        try {
            if (Files.size(file) > MAX_ENTRY_BYTES) throw new IOException("larger than any entry");
            Entry entry = open(Files.readAllBytes(file), secret.get(), policyId, key);
            KieBase base = kieBase(readPackages(entry.payload()));
            if (ruleCount(base.getKiePackages()) != entry.rules()) throw new IOException("rule count mismatch");
            touch(file);
            hits.incrementAndGet();
            return Optional.of(base);
        } catch (Exception | LinkageError e) {
            // a damaged, truncated, foreign or forged entry: compile instead, and do not trip over it again
            delete(file);
            return Optional.empty();
        }
    }

    /** Keeps a successful build's packages under its key; best effort, never fails the load that produced them. */
    void store(String policyId, String key, Collection<KiePackage> packages) {
        Optional<SecretKey> secret = sealingKey();
        if (secret.isEmpty()) return; // an entry nothing can vouch for would never be read
        Path tmp = null;
        try {
            byte[] sealed = seal(secret.get(), policyId, key, ruleCount(packages), writePackages(packages));
            // written anyway it would be refused on every load, and rewritten after every compile
            if (sealed.length > MAX_ENTRY_BYTES) return;
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, safe(policyId) + ".", ".tmp");
            Files.write(tmp, sealed);
            Path target = file(policyId, key);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            prune(policyId);
        } catch (Exception | LinkageError e) {
            // an unwritable folder or a package Drools cannot serialize: the next start compiles, as without a cache
        } finally {
            if (tmp != null) delete(tmp);
        }
    }

    /** What an entry vouches for besides its payload: checked against the KieBase read back. */
    private record Entry(int rules, byte[] payload) {}

    /** The entry's bytes: a header naming what it is an entry for, the payload, and the seal over both. */
    private static byte[] seal(SecretKey secret, String policyId, String key, int rules, byte[] payload)
            throws IOException, GeneralSecurityException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 512);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF(MAGIC);
        out.writeInt(FORMAT);
        out.writeUTF(policyId);
        out.writeUTF(key);
        out.writeInt(rules);
        out.write(payload);
        out.write(mac(secret, bytes.toByteArray(), bytes.size()));
        out.flush();
        return bytes.toByteArray();
    }

    /**
     * The payload of an entry sealed with {@code secret} for this policy and key. The seal is checked before anything
     * else in the file is believed, the header included: an entry copied under another policy's name still names its
     * own policy and key, and one re-sealed by anyone without the secret fails the seal.
     */
    private static Entry open(byte[] bytes, SecretKey secret, String policyId, String key) throws IOException,
            GeneralSecurityException {
        int sealed = bytes.length - MAC_BYTES;
        if (sealed < 0) throw new IOException("too short to be an entry");
        byte[] seal = Arrays.copyOfRange(bytes, sealed, bytes.length);
        if (!MessageDigest.isEqual(seal, mac(secret, bytes, sealed))) throw new IOException(
                "not sealed with this data folder's key");
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, sealed));
        if (!MAGIC.equals(in.readUTF()) || in.readInt() != FORMAT || !policyId.equals(in.readUTF())
                || !key.equals(in.readUTF()))
            throw new IOException("not an entry for this policy and key");
        int rules = in.readInt();
        return new Entry(rules, in.readAllBytes());
    }

    private static byte[] mac(SecretKey secret, byte[] bytes, int length) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(MAC_ALGORITHM);
        mac.init(secret);
        mac.update(bytes, 0, length);
        return mac.doFinal();
    }

    private static int ruleCount(Collection<KiePackage> packages) {
        return packages.stream().mapToInt(p -> p.getRules().size()).sum();
    }

    /** The secret entries are sealed with, from {@code keyFile}, made there the first time; empty if unusable. */
    synchronized Optional<SecretKey> sealingKey() {
        if (sealingKey == null) {
            try {
                sealingKey = Optional.of(new SecretKeySpec(readOrMakeSecret(keyFile), MAC_ALGORITHM));
            } catch (IOException | RuntimeException e) {
                // an unwritable data folder: no cache this session, as with an unwritable cache folder
                sealingKey = Optional.empty();
            }
        }
        return sealingKey;
    }

    /**
     * The secret in {@code file} (64 hex digits). A missing one is made; a damaged one (not 64 hex digits) is
     * replaced, which costs only the entries sealed with it.
     */
    static byte[] readOrMakeSecret(Path file) throws IOException {
        if (!Files.exists(file)) writeSecret(file, false);
        Optional<byte[]> secret = readSecret(file);
        if (secret.isEmpty()) {
            writeSecret(file, true);
            secret = readSecret(file);
        }
        keepToOwner(file);
        return secret.orElseThrow(() -> new IOException("unusable key file " + file));
    }

    private static Optional<byte[]> readSecret(Path file) throws IOException {
        String hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
        return hex.matches("[0-9a-f]{" + 2 * SECRET_BYTES + "}") ? Optional.of(HexFormat.of().parseHex(hex))
                : Optional.empty();
    }

    /**
     * Writes a new secret to a temporary file and links it into place: a link fails when the name is taken, so of two
     * JVMs making the key at once the second uses the first's, and no one ever reads half a key.
     */
    private static void writeSecret(Path file, boolean replace) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        Path tmp = posix(folder) ? Files.createTempFile(folder, "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(folder, "." + file.getFileName(), ".tmp");
        try {
            keepToOwner(tmp);
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(HexFormat.of().formatHex(bytes).getBytes(StandardCharsets.US_ASCII));
                while (b.hasRemaining()) out.write(b);
                out.force(true);
            }
            if (replace) Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            else link(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void link(Path tmp, Path file) throws IOException {
        try {
            Files.createLink(file, tmp);
        } catch (FileAlreadyExistsException e) {
            // another JVM was first: its key stands
        } catch (UnsupportedOperationException | IOException e) {
            // no hard links on this file system: a move that refuses an existing name (not atomically everywhere)
            try {
                Files.move(tmp, file);
            } catch (FileAlreadyExistsException taken) {
                // another JVM was first
            }
        }
    }

    /** A key copied in with wider permissions is narrowed; best effort, and nothing to do without POSIX permissions. */
    private static void keepToOwner(Path file) {
        try {
            if (posix(file) && !Files.getPosixFilePermissions(file)
                    .equals(OWNER_ONLY)) Files.setPosixFilePermissions(file, OWNER_ONLY);
        } catch (IOException | RuntimeException e) {
            // a file of another user's: readable is all it needs to be
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Same construction as {@code KieContainer.getKieBase()} for a kmodule-less project, minus the build. */
    private KieBase kieBase(Collection<KiePackage> packages) {
        // the rules' classes resolve through the sandbox's loader, as a freshly compiled policy's do
        KieBaseConfiguration conf = RuleBaseFactory.newKnowledgeBaseConfiguration(null, Sandbox.classLoader());
        InternalRuleBase ruleBase = RuleBaseFactory.newRuleBase(KIE_BASE_NAME, conf);
        ruleBase.addPackages(packages);
        return KnowledgeBaseFactory.newKnowledgeBase(ruleBase);
    }

    private static byte[] writePackages(Collection<KiePackage> packages) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new DroolsObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(packages));
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private Collection<KiePackage> readPackages(byte[] payload) throws IOException, ClassNotFoundException {
        return (Collection<KiePackage>) readFiltered(payload, classLoader);
    }

    /**
     * The object in a payload, read through {@link #filter}; a refused class or limit is an {@code
     * InvalidClassException}.
     */
    static Object readFiltered(byte[] payload, ClassLoader classLoader) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new DroolsObjectInputStream(new ByteArrayInputStream(payload), classLoader)) {
            in.setObjectInputFilter(filter(payload.length));
            return in.readObject();
        }
    }

    /**
     * Admits {@link #ALLOWED_CLASSES} (and arrays of them and of primitives), no deeper than {@link #MAX_DEPTH}, with
     * no more references nor array elements than the payload has bytes (each takes at least one), so that a length
     * field cannot allocate more than a few times the entry's size. A JVM-wide filter, if one is set, still applies:
     * the stream's own would otherwise replace it.
     */
    static ObjectInputFilter filter(int payloadBytes) {
        ObjectInputFilter own =
                ObjectInputFilter.Config.createFilter("maxdepth=" + MAX_DEPTH + ";maxrefs=" + payloadBytes
                + ";maxarray=" + payloadBytes + ";" + ALLOWED_CLASSES + ";!*");
        ObjectInputFilter jvm = ObjectInputFilter.Config.getSerialFilter();
        return jvm == null ? own : ObjectInputFilter.merge(own, jvm);
    }

    private Path file(String policyId, String key) { return dir.resolve(safe(policyId) + "." + key + SUFFIX); }

    private static String safe(String policyId) { return policyId.replaceAll("[^A-Za-z0-9_-]", "_"); }

    private void prune(String policyId) throws IOException {
        String prefix = safe(policyId) + ".";
        List<Path> entries;
        try (Stream<Path> files = Files.list(dir)) {
            entries = files.filter(f -> {
                String n = f.getFileName().toString();
                // the key is hex, so "<id>." cannot also be the start of another id's entries
                return n.startsWith(prefix) && n.endsWith(SUFFIX)
                        && n.substring(prefix.length()).matches("[0-9a-f]{64}\\.kbase");
            }).sorted(Comparator.comparing(PolicyCache::modified).reversed()).toList();
        }
        for (Path old : entries.subList(Math.min(KEEP_PER_POLICY, entries.size()), entries.size())) delete(old);
        // what a JVM stopped in the middle of a write left behind; an hour is far longer than any write takes
        FileTime stale = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.toString().endsWith(".tmp")).toList())
                if (modified(f).compareTo(stale) < 0) delete(f);
        }
    }

    private String environment() {
        String e = environment;
        if (e == null) {
            StringBuilder b = new StringBuilder("java ").append(Runtime.version()).append("; drools ")
                    .append(Drools.getFullVersion());
            for (String c : ENGINE_CLASSES) b.append("; ").append(c).append(" from ")
                    .append(archiveName(classLoader.getResource(c)));
            environment = e = b.toString();
        }
        return e;
    }

    /** The jar a class comes from (its file name carries the version), in a plain or a nested (Spring Boot) jar. */
    private static String archiveName(URL url) {
        if (url == null) return "-";
        String s = url.toString();
        int bang = s.lastIndexOf("!/");
        if (bang < 0) return s; // a class folder: the build's own output
        String archive = s.substring(0, bang);
        while (archive.endsWith("/") || archive.endsWith("!")) archive = archive.substring(0, archive.length() - 1);
        return archive.substring(archive.lastIndexOf('/') + 1);
    }

    /** Type names the DRL can link against: imports (whole packages for wildcards), globals and qualified names. */
    static TreeSet<String> referencedNames(String drl) {
        TreeSet<String> names = new TreeSet<>();
        Matcher m = IMPORT.matcher(drl);
        while (m.find()) {
            String name = m.group(2);
            boolean member = m.group(1) != null && !m.group(1).startsWith("accumulate");
            if (member && m.group(3) == null
                    && name.lastIndexOf('.') > 0) names.add(name.substring(0, name.lastIndexOf('.')));
            else if (member || m.group(3) == null) names.add(name); // import static a.B.*: the class a.B
            else names.add(name + ".*");
        }
        m = GLOBAL.matcher(drl);
        while (m.find()) names.add(m.group(1));
        m = QUALIFIED.matcher(drl);
        while (m.find()) names.add(m.group());
        names.removeIf(n -> n.startsWith("java.")); // the JDK's are covered by the Java version
        return names;
    }

    /**
     * A hash of the class's bytes (of every class of the package for {@code a.b.*}); "-" when there is no such class
     * (a name in a comment, a rule's package); null when a class or package cannot be read or listed.
     */
    private String classHash(String name) {
        String known = classHashes.get(name);
        if (known != null) return known;
        try {
            MessageDigest md = sha256();
            List<String> resources = name.endsWith(".*") ? packageClasses(name.substring(0, name.length() - 2))
                    : classResource(name);
            for (String r : resources) {
                update(md, r);
                try (InputStream in = classLoader.getResourceAsStream(r)) {
                    if (in == null) throw new IOException("cannot read " + r);
                    md.update(in.readAllBytes());
                }
            }
            // a wildcard import that finds nothing is more likely a listing this packaging does not support than an
            // empty package: nothing to vouch for an entry with
            if (resources.isEmpty() && name.endsWith(".*")) return null;
            String hash = resources.isEmpty() ? "-" : HexFormat.of().formatHex(md.digest());
            classHashes.put(name, hash);
            return hash;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@code a.b.C.D} may be the nested class {@code a/b/C$D.class}. */
    private List<String> classResource(String name) {
        String path = name.replace('.', '/');
        while (true) {
            if (classLoader.getResource(path + ".class") != null) return List.of(path + ".class");
            int slash = path.lastIndexOf('/');
            if (slash < 0) return List.of();
            path = path.substring(0, slash) + "$" + path.substring(slash + 1);
        }
    }

    /** The class files of a package, wherever the class loader finds them: class folders and (nested) jars. */
    private List<String> packageClasses(String packageName) throws IOException {
        String folder = packageName.replace('.', '/') + "/";
        TreeSet<String> found = new TreeSet<>();
        try {
            Enumeration<URL> urls = classLoader.getResources(folder);
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                if (url.getProtocol().equals("file")) {
                    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                        files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".class"))
                                .forEach(f -> found.add(folder + f));
                    }
                } else {
                    URLConnection c = url.openConnection();
                    if (!(c instanceof JarURLConnection jar)) throw new IOException("cannot list " + url);
                    c.setUseCaches(false);
                    try (JarFile jf = jar.getJarFile()) {
                        String prefix = jar.getEntryName() == null ? folder : jar.getEntryName();
                        if (!prefix.endsWith("/")) prefix += "/";
                        for (Enumeration<JarEntry> es = jf.entries(); es.hasMoreElements(); ) {
                            String n = es.nextElement().getName();
                            if (n.startsWith(prefix) && n.endsWith(".class") && n.indexOf('/', prefix.length()) < 0)
                                found.add(folder + n.substring(prefix.length()));
                        }
                    }
                }
            }
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        return List.copyOf(found);
    }

    private static void update(MessageDigest md, String s) {
        md.update(s.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FileTime modified(Path f) {
        try {
            return Files.getLastModifiedTime(f);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static void touch(Path f) {
        try {
            Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            // only the pruning order suffers
        }
    }

    private static void delete(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            // left for the next prune
        }
    }
}
