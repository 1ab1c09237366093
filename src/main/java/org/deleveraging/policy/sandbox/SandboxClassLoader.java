package org.deleveraging.policy.sandbox;

import java.net.URL;
import java.util.Enumeration;
import java.util.Set;

/**
 * The class loader a compiled policy's classes resolve their references through. Every class a policy may not use is
 * refused by name, whoever asks: a symbolic reference, {@code Class.forName} from rule code, a class MVEL compiles for
 * a condition. Drools' own classes are allowed here because the classes Drools generates for each rule call into
 * them; what a policy's own code may call of Drools is narrower, and is the {@link BytecodeCheck}'s to enforce.
 */
final class SandboxClassLoader extends ClassLoader {
    static final SandboxClassLoader INSTANCE = new SandboxClassLoader(SandboxClassLoader.class.getClassLoader());

    static { registerAsParallelCapable(); }

    /** java.lang's classes a rule's compiled code, or Drools' code generated for it, may link against. */
    private static final Set<String> JAVA_LANG = Set.of("Object", "String", "StringBuilder", "AbstractStringBuilder",
            "CharSequence", "Math", "StrictMath", "Number", "Integer", "Long", "Double", "Float", "Short", "Byte",
            "Boolean",
            "Character", "Comparable", "Enum", "Iterable", "Class", "Throwable", "Exception", "RuntimeException",
            "Error", "IllegalArgumentException", "IllegalStateException", "ArithmeticException", "NullPointerException",
            "ClassCastException", "IndexOutOfBoundsException", "UnsupportedOperationException", "Void",
            "invoke.StringConcatFactory", "invoke.MethodHandles", "invoke.MethodHandles$Lookup", "invoke.MethodType",
            "invoke.CallSite", "invoke.MethodHandle");
    /** java.util's that read the system, run code later or elsewhere, or load services. */
    private static final Set<String> JAVA_UTIL_REFUSED = Set.of("ServiceLoader", "Scanner", "Timer", "TimerTask",
            "Properties", "ResourceBundle", "PropertyResourceBundle", "prefs", "concurrent", "logging", "jar", "zip",
            "spi", "stream", "random");

    /** The interfaces of Drools' serialisable generated classes; only Drools' code holds their streams. */
    private static final Set<String> SERIALIZATION = Set.of("java.io.Serializable", "java.io.Externalizable",
            "java.io.ObjectOutput", "java.io.ObjectInput", "java.io.DataOutput", "java.io.DataInput",
            "java.io.IOException", "java.lang.ClassNotFoundException");

    private SandboxClassLoader(ClassLoader parent) { super(parent); }

    static boolean allowed(String name) {
        if (name.startsWith("org.drools.") || name.startsWith("org.kie.") || name.startsWith("org.mvel2.")
                || name.startsWith("org.deleveraging.facts.") || name.startsWith("java.math.")) return true;
        // interfaces Drools' generated classes declare; they give no access to anything
        if (SERIALIZATION.contains(name)) return true;
        if (name.startsWith("java.lang.")) return JAVA_LANG.contains(name.substring("java.lang.".length()));
        if (name.startsWith("java.util.")) {
            String rest = name.substring("java.util.".length());
            int dot = rest.indexOf('.');
            String first = dot < 0 ? rest : rest.substring(0, dot);
            int dollar = first.indexOf('$');
            return !JAVA_UTIL_REFUSED.contains(dollar < 0 ? first : first.substring(0, dollar));
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!allowed(name)) throw new ClassNotFoundException(name + " is not allowed in a policy");
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        return resourceAllowed(name) ? super.getResource(name) : null;
    }

    @Override
    public Enumeration<URL> getResources(String name) throws java.io.IOException {
        return resourceAllowed(name) ? super.getResources(name) : java.util.Collections.emptyEnumeration();
    }

    /** Class files of allowed classes, and Drools' own configuration; no other resource of the application. */
    private static boolean resourceAllowed(String name) {
        if (name.endsWith(".class")) return allowed(name.substring(0, name.length() - 6).replace('/', '.'));
        return name.startsWith("META-INF/kie") || name.startsWith("META-INF/drools") || name.startsWith("org/drools/")
                || name.startsWith("org/kie/") || name.startsWith("org/mvel2/");
    }
}
