package org.deleveraging.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.deleveraging.input.ContainedPath;
import org.deleveraging.input.InputException;
import org.deleveraging.input.YamlNode;
import org.deleveraging.policy.PolicyDefinitionReader.Problems;
import org.deleveraging.policy.sandbox.Sandbox;
import org.drools.compiler.kie.builder.impl.DrlProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

/**
 * Builds a {@link Policy} from {@code policies/<id>/}: {@code policy.yaml}, every {@code *.drl} in that folder, and
 * the modules it names from {@code rules/}. Compiles with the classic DRL builder so that errors keep their
 * {@code file:line}; each load gets its own release id, so a reload never disturbs a policy in use. With a
 * {@link PolicyCache}, a policy whose rules compiled before, unchanged, is read back from it instead of compiled.
 */
public final class PolicyLoader {
    private static final AtomicLong LOADS = new AtomicLong();
    private static final Pattern PARAM = Pattern.compile("params\\s*\\.\\s*(?:num|number)\\s*\\(\\s*\"([^\"]*)\"");

    private final Path rulesRoot;
    private final PolicyCache cache;
    /** Off only for the policy package's own tests of what the engine does with rules the sandbox would refuse. */
    private final boolean sandboxChecks;
    /** Rule bases this loader compiled, by the hash of their rules' text (see {@link #compileOnce}). */
    private final Map<String, KieBase> compiled = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param rulesRoot the folder of reusable rule modules ({@code rules/}) */
    public PolicyLoader(Path rulesRoot) { this(rulesRoot, null); }

    /**
     * @param rulesRoot the folder of reusable rule modules ({@code rules/})
     * @param cache where compiled policies are kept between JVMs; null to compile every time
     */
    public PolicyLoader(Path rulesRoot, PolicyCache cache) {
        this(rulesRoot, cache, true);
    }

    private PolicyLoader(Path rulesRoot, PolicyCache cache, boolean sandboxChecks) {
        this.rulesRoot = rulesRoot;
        this.cache = cache;
        this.sandboxChecks = sandboxChecks;
    }

    /**
     * A loader that skips the sandbox's checks, leaving its class loader and the engine's own checks as the defence:
     * for tests that prove those hold on their own. Never reachable from outside this package.
     */
    static PolicyLoader withoutSandboxChecks(Path rulesRoot) { return new PolicyLoader(rulesRoot, null, false); }

    /**
     * Loads a policy folder. Every mistake is reported at once, one line each: in {@code policy.yaml}, in the modules
     * it names, in the rules (what the sandbox refuses, what does not compile, parameters not declared); the DRL is
     * compiled even when {@code policy.yaml} has mistakes, so that its own are found in the same pass.
     */
    public Policy load(Path policyDir) {
        Path yaml = policyDir.resolve("policy.yaml");
        if (!Files.isRegularFile(yaml)) throw new InputException(display(yaml), 0, null,
                "no policy.yaml in " + display(policyDir));
        String yamlText = read(yaml);
        Problems problems = new Problems();
        PolicyDefinitionReader.Definition def = PolicyDefinitionReader.read(YamlNode.parse(yamlText, display(yaml)),
                problems);
        String folder = policyDir.toAbsolutePath().normalize().getFileName().toString();
        if (!def.id().isEmpty() && !def.id().equals(folder))
            problems.add(new InputException(display(yaml), 1, "id",
                    "the id '" + def.id() + "' must match the folder name '" + folder + "'"));

        Map<Path, String> drl = new LinkedHashMap<>();
        for (PolicyDefinitionReader.Module module : def.modules()) {
            problems.check(() -> {
                // policy.yaml is untrusted: a module is a .drl file inside rules/, also after following links
                Path file = ContainedPath.resolve(rulesRoot, rulesRoot, module.name(), ".drl", display(rulesRoot) + "/",
                        problem -> new InputException(display(yaml), module.line(), "modules", problem));
                if (!Files.isRegularFile(file))
                    throw new InputException(display(yaml), module.line(), "modules",
                            "no rule module " + display(file));
                drl.put(file, read(file));
            });
        }
        try (Stream<Path> files = Files.list(policyDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                problems.check(() -> {
                    // the policy's own rules are its own files: a link out of its folder is refused
                    ContainedPath.resolve(policyDir, policyDir, f.getFileName().toString(), ".drl",
                            display(policyDir) + "/", problem -> new InputException(display(f), 0, null, problem));
                    drl.put(f, read(f));
                });
            }
        } catch (IOException e) {
            throw new InputException(display(policyDir), 0, null, "cannot list folder: " + e.getMessage());
        }
        return build(policyDir, display(yaml), yamlText, def, drl, problems, false);
    }

    /**
     * Builds a policy from a snapshot of its files alone, as a run stored them ({@link Policy#files()}: policy.yaml
     * first, then its rules in order), without reading the disk: how a sweep's variant is made and how a Spark
     * executor compiles the policy it was sent. The snapshot is checked as a folder is (the definition, the parameters
     * its rules use, the sandbox). Rules this method already compiled from the same text are reused: the variants of
     * one policy that differ only in settings or parameters share one compiled rule base for the loader's life (a sweep
     * makes a loader of its own; a folder's {@link #load} always compiles, so that a reload is a fresh build).
     *
     * @param directory where the policy came from, for {@link Policy#changedOnDisk()}
     */
    public Policy fromFiles(Path directory, List<PolicyFile> files) {
        if (files.isEmpty() || !files.get(0).path().endsWith("policy.yaml"))
            throw new IllegalArgumentException("a policy snapshot starts with its policy.yaml");
        PolicyFile yaml = files.get(0);
        Problems problems = new Problems();
        PolicyDefinitionReader.Definition def = PolicyDefinitionReader.read(YamlNode.parse(yaml.content(),
                yaml.path()), problems);
        Map<Path, String> drl = new LinkedHashMap<>();
        for (PolicyFile f : files.subList(1, files.size())) drl.put(Path.of(f.path()), f.content());
        return build(directory, yaml.path(), yaml.content(), def, drl, problems, true);
    }

    private Policy build(Path policyDir, String yamlPath, String yamlText, PolicyDefinitionReader.Definition def,
                         Map<Path, String> drl, Problems problems, boolean reuse) {
        if (drl.isEmpty() && !problems.any())
            problems.add(new InputException(yamlPath, 0, null, "the policy has no rules (.drl files or modules)"));
        checkParameters(drl, def, problems);

        KieBase kieBase = drl.isEmpty() ? null : reuse ? compileOnce(def.id(), drl, problems)
                : compile(def.id(), drl, problems);
        problems.throwIfAny();
        List<PolicyFile> snapshot = new ArrayList<>();
        snapshot.add(new PolicyFile(yamlPath, yamlText));
        drl.forEach((path, text) -> snapshot.add(new PolicyFile(display(path), text)));
        return new Policy(def.id(), def.name(), def.version(), def.description(), policyDir, hash(snapshot), snapshot,
                def.settings(), def.parameters(), kieBase);
    }

    /** {@link #compile}, once per distinct rule text for this loader: a rule base is thread-safe and immutable. */
    private KieBase compileOnce(String id, Map<Path, String> drl, Problems problems) {
        if (problems.any()) return compile(id, drl, problems);
        StringBuilder key = new StringBuilder(id);
        drl.forEach((path, text) -> key.append('\0').append(display(path)).append('\0').append(text));
        String k = sha256(key.toString());
        KieBase known = compiled.get(k);
        if (known != null) return known;
        KieBase base = compile(id, drl, problems);
        if (base != null) compiled.putIfAbsent(k, base);
        return base;
    }

    /** Every {@code params.num("x")} in the rules must be declared under {@code parameters:}. */
    private static void checkParameters(Map<Path, String> drl, PolicyDefinitionReader.Definition def,
            Problems problems) {
        for (var e : drl.entrySet()) {
            String[] lines = e.getValue().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = PARAM.matcher(lines[i]);
                while (m.find()) {
                    if (!def.parameters().containsKey(m.group(1)))
                        problems.add(new InputException(display(e.getKey()), i + 1, "params." + m.group(1),
                                "the rule uses parameter '" + m.group(1)
                                + "' but policy.yaml does not declare it under parameters"));
                }
            }
        }
    }

    /**
     * Compiled, or read back from the cache, and checked by the sandbox both before and after: the DRL as written
     * before anything of it is compiled, and the classes compiled from its Java code before anything of them runs,
     * wherever they came from. Null, with the reasons in {@code problems}, when it cannot be.
     */
    private KieBase compile(String id, Map<Path, String> drl, Problems problems) {
        Map<String, String> named = new LinkedHashMap<>();
        drl.forEach((path, text) -> named.put(display(path), text));
        Sandbox sandbox = new Sandbox(named);
        if (refused(sandbox.checkSources(), problems)) return null;
        List<PolicyCache.Source> sources = new ArrayList<>();
        int n = 0;
        for (var e : drl.entrySet())
            sources.add(new PolicyCache.Source("src/main/resources/policy/r" + (n++) + "_" + e.getKey().getFileName(),
                    e.getValue()));
        // a policy with mistakes is compiled to find those of its rules too, never kept
        boolean keep = cache != null && !problems.any();
        Optional<String> key = keep ? cache.key(id, sources) : Optional.empty();
        if (key.isPresent()) {
            Optional<KieBase> cached = cache.load(id, key.get());
            if (cached.isPresent()) return refused(sandbox.checkCompiled(cached.get()), problems) ? null : cached.get();
        }
        KieBase base = compileClassic(id.isEmpty() ? "policy" : id, drl, sources, problems);
        if (base == null || refused(sandbox.checkCompiled(base), problems)) return null;
        key.ifPresent(k -> cache.store(id, k, base.getKiePackages()));
        return base;
    }

    /** Adds the sandbox's refusals to {@code problems}; true when there were any (and the checks are on). */
    private boolean refused(List<Sandbox.Problem> refusals, Problems problems) {
        if (!sandboxChecks || refusals.isEmpty()) return false;
        refusals.forEach(r -> problems.add(new InputException(r.file(), r.line(), r.where(), r.what())));
        return true;
    }

    /** The compiled rules, or null with every compile error in {@code problems}, one per line of DRL. */
    private static KieBase compileClassic(String id, Map<Path, String> drl, List<PolicyCache.Source> sources,
            Problems problems) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId rid = ks.newReleaseId("org.deleveraging.policy", id, "1.0." + LOADS.incrementAndGet());
        kfs.generateAndWritePomXML(rid);
        Map<String, Path> byResource = new LinkedHashMap<>();
        Iterator<Path> files = drl.keySet().iterator();
        for (PolicyCache.Source s : sources) {
            Path file = files.next();
            byResource.put(s.resource(), file);
            // Drools names the file in its messages relative to src/main/resources
            byResource.put(s.resource().substring("src/main/resources/".length()), file);
            kfs.write(s.resource(), s.text());
        }
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(DrlProject.class);
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            int before = problems.count();
            boolean anyLine = errors.stream().anyMatch(m -> m.getLine() > 0);
            for (Message m : errors) {
                // echoes of a located error ("Parser returned a null Package")
                if (anyLine && m.getLine() <= 0) continue;
                Path file = byResource.get(m.getPath());
                String where = file == null ? (m.getPath() == null ? id : m.getPath()) : display(file);
                String text = m.getText() == null ? "" : m.getText().replaceAll("\\s+", " ").trim();
                problems.add(new InputException(where, Math.max(m.getLine(), 0), null, text));
            }
            if (problems.count() == before) problems.add(new InputException(id + ": the rules do not compile"));
            return null;
        }
        // the rules' classes resolve through the sandbox's loader: nothing outside the allow-list links at run time
        KieBase base = ks.newKieContainer(rid, Sandbox.classLoader()).getKieBase();
        ks.getRepository().removeKieModule(rid);
        return base;
    }

    private static String hash(List<PolicyFile> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (PolicyFile f : files) {
                md.update(f.path().replace('\\', '/').replaceAll("^.*?(policies/|rules/)", "$1")
                        .getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(f.content().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(display(file), 0, null, "cannot read file: " + e.getMessage());
        }
    }

    /** Paths as a user would type them: relative to the working folder when inside it. */
    static String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return (abs.startsWith(cwd) ? cwd.relativize(abs) : abs).toString().replace('\\', '/');
    }
}
