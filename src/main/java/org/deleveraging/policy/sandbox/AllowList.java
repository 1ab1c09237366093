package org.deleveraging.policy.sandbox;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.deleveraging.facts.AdlCandidate;
import org.deleveraging.facts.AdlClosePrice;
import org.deleveraging.facts.AdlPricing;
import org.deleveraging.facts.AdlScore;
import org.deleveraging.facts.BackstopState;
import org.deleveraging.facts.FundState;
import org.deleveraging.facts.LayerChoice;
import org.deleveraging.facts.LiquidationDecision;
import org.deleveraging.facts.Parameters;
import org.deleveraging.facts.PoolRisk;
import org.deleveraging.facts.Shortfall;

/**
 * What a policy's code may use, in the manner of Elasticsearch's Painless allow-list: the fact contract (the input
 * facts' getters, never their constructors, so a rule cannot make up a candidate or a pool), the decision factories,
 * and value types whose every allowed member is a pure function of its arguments. Anything not named here is refused,
 * which is the point: {@code System}, {@code Runtime}, {@code Thread}, reflection, class loading, {@code java.io},
 * {@code java.nio}, {@code java.net}, {@code java.sql}, the engine's, the store's and Spring's classes are refused
 * because they are absent, not because a list of dangers names them.
 *
 * <p>A few members take a size (a scale, an exponent, a precision, an array length) whose cost grows with it and
 * cannot be interrupted once started: {@code setScale(1_000_000_000)} computes a billion digits. Those are allowed only
 * with a number written in the rule, at most {@link #MAX_SIZE_ARGUMENT} ({@link SizeArgument}).
 */
final class AllowList {
    private AllowList() {}

    /** The largest scale, exponent, precision or array length a rule may write for a member that takes one. */
    static final int MAX_SIZE_ARGUMENT = 64;

    /** Input facts: the engine makes them; rules read them. */
    private static final List<Class<?>> INPUT_FACTS = List.of(AdlCandidate.class, PoolRisk.class, Shortfall.class,
            FundState.class, BackstopState.class, Parameters.class, AdlPricing.class);

    /** Decision facts and their enums: rules make them through their constructors and factories. */
    private static final List<Class<?>> DECISIONS = List.of(AdlScore.class, AdlClosePrice.class, LayerChoice.class,
            LayerChoice.Layer.class, LiquidationDecision.class, LiquidationDecision.Action.class);

    /** Value types and pure functions, every public member but those listed. */
    private static final Map<Class<?>, Set<String>> VALUES = Map.ofEntries(
            Map.entry(String.class, Set.of("repeat", "intern")),
            Map.entry(StringBuilder.class, Set.of()),
            Map.entry(CharSequence.class, Set.of()),
            Map.entry(Math.class, Set.of()),
            Map.entry(StrictMath.class, Set.of()),
            Map.entry(Number.class, Set.of()),
            // getInteger, getLong and getBoolean read the JVM's system properties
            Map.entry(Integer.class, Set.of("getInteger")),
            Map.entry(Long.class, Set.of("getLong")),
            Map.entry(Boolean.class, Set.of("getBoolean")),
            Map.entry(Double.class, Set.of()),
            Map.entry(Float.class, Set.of()),
            Map.entry(Short.class, Set.of()),
            Map.entry(Byte.class, Set.of()),
            Map.entry(Character.class, Set.of()),
            Map.entry(Comparable.class, Set.of()),
            Map.entry(BigDecimal.class, Set.of()),
            Map.entry(RoundingMode.class, Set.of()),
            Map.entry(MathContext.class, Set.of()),
            Map.entry(Objects.class, Set.of("requireNonNull", "requireNonNullElseGet", "checkIndex", "checkFromToIndex",
                    "checkFromIndexSize")),
            Map.entry(ArithmeticException.class, Set.of()),
            Map.entry(IllegalArgumentException.class, Set.of()),
            Map.entry(IllegalStateException.class, Set.of()));

    /** Read-only views: a rule may look into a collection a fact hands it, never change or iterate it. */
    private static final Map<Class<?>, Set<String>> READ_ONLY = Map.of(
            Map.class,
            Set.of("get", "getOrDefault", "containsKey", "containsValue", "size", "isEmpty", "keySet", "values",
                    "of", "copyOf", "equals", "hashCode", "toString"),
            Map.Entry.class, Set.of("getKey", "getValue", "equals", "hashCode", "toString"),
            List.class,
            Set.of("get", "size", "isEmpty", "contains", "indexOf", "of", "copyOf", "equals", "hashCode", "toString"),
            Set.class, Set.of("contains", "size", "isEmpty", "of", "copyOf", "equals", "hashCode", "toString"),
            Collection.class, Set.of("contains", "size", "isEmpty", "equals", "hashCode", "toString"));

    /** {@code getClass}, {@code wait} and {@code notify} are Object's too, and are not allowed. */
    private static final Set<String> OBJECT = Set.of("<init>", "equals", "hashCode", "toString");
    private static final Set<String> ENUM = Set.of("name", "ordinal", "compareTo", "equals", "hashCode", "toString");

    /**
     * Null when {@code owner.name} may be used by a policy's code; otherwise the name a refusal gives. Owners are
     * internal names ({@code java/lang/String}).
     */
    static String refusal(String owner, String name) {
        Class<?> type = known(owner);
        if (type == null) return display(owner);
        if (allowed(type, name)) return null;
        return display(owner) + "." + ("<init>".equals(name) ? "<init>" : name);
    }

    /** Whether a type may appear in a policy's code at all (as a cast, a parameter, a constant's class). */
    static boolean typeAllowed(String owner) { return known(owner) != null; }

    private static boolean allowed(Class<?> type, String name) {
        if (type == Object.class) return OBJECT.contains(name);
        if (type == Enum.class) return ENUM.contains(name);
        if (INPUT_FACTS.contains(type)) return !"<init>".equals(name) && !"getClass".equals(name)
                && hasPublic(type, name);
        if (DECISIONS.contains(type)) return !"getClass".equals(name) && (hasPublic(type, name) || "<init>".equals(name)
                || (type.isEnum() && ENUM.contains(name)) || "values".equals(name) || "valueOf".equals(name));
        Set<String> only = READ_ONLY.get(type);
        if (only != null) return only.contains(name);
        Set<String> except = VALUES.get(type);
        return except != null && !except.contains(name) && !"getClass".equals(name)
                && !"wait".equals(name) && !"notify".equals(name) && !"notifyAll".equals(name);
    }

    /**
     * A public member of the type itself; of Object's, only equals, hashCode and toString (not wait, notify, getClass).
     */
    private static boolean hasPublic(Class<?> type, String name) {
        for (Method m : type.getMethods())
            if (m.getName().equals(name) && Modifier.isPublic(m.getModifiers())
                    && (m.getDeclaringClass() != Object.class || OBJECT.contains(name))) return true;
        return false;
    }

    private static Class<?> known(String owner) {
        String binary = owner.replace('/', '.');
        if (binary.equals("java.lang.Object")) return Object.class;
        if (binary.equals("java.lang.Enum")) return Enum.class;
        for (Class<?> c : INPUT_FACTS) if (c.getName().equals(binary)) return c;
        for (Class<?> c : DECISIONS) if (c.getName().equals(binary)) return c;
        for (Class<?> c : VALUES.keySet()) if (c.getName().equals(binary)) return c;
        for (Class<?> c : READ_ONLY.keySet()) if (c.getName().equals(binary)) return c;
        return null;
    }

    /**
     * Every name a condition may use for a property or a method: the allowed members of the allowed types, with the
     * bean property names their getters give ({@code getEquity} is {@code equity}, {@code isPositive} is
     * {@code positive}). MVEL conditions are checked against these names, as they are interpreted, not compiled.
     */
    static Set<String> memberNames() {
        Set<String> out = new TreeSet<>();
        List<Class<?>> all = new java.util.ArrayList<>(INPUT_FACTS);
        all.addAll(DECISIONS);
        all.addAll(VALUES.keySet());
        all.addAll(READ_ONLY.keySet());
        for (Class<?> c : all) {
            for (Method m : c.getMethods()) {
                if (!allowed(c, m.getName()) || m.getDeclaringClass() == Object.class && !OBJECT.contains(m.getName()))
                    continue;
                out.add(m.getName());
                String property = property(m);
                if (property != null) out.add(property);
            }
        }
        return out;
    }

    /** The simple names a condition may use for a type ({@code BigDecimal}, {@code PoolRisk}, {@code Layer}). */
    static Set<String> typeNames() {
        Set<String> out = new TreeSet<>();
        for (List<Class<?>> group : List.of(INPUT_FACTS, DECISIONS, List.copyOf(VALUES.keySet()),
                List.copyOf(READ_ONLY.keySet())))
            for (Class<?> c : group) out.add(c.getSimpleName());
        return out;
    }

    /**
     * Names of the allowed types' public constants ({@code ONE}, {@code HALF_EVEN}, {@code ADL}, {@code MAX_VALUE}).
     */
    static Set<String> constantNames() {
        Set<String> out = new TreeSet<>();
        for (List<Class<?>> group : List.of(INPUT_FACTS, DECISIONS, List.copyOf(VALUES.keySet()),
                List.copyOf(READ_ONLY.keySet())))
            for (Class<?> c : group)
                for (java.lang.reflect.Field f : c.getFields()) if (Modifier.isStatic(f.getModifiers())) out.add(
                        f.getName());
        return out;
    }

    /** Qualified names an {@code import} may name: every allowed type, and the fact contract's package. */
    static boolean importAllowed(String name) {
        if (name.equals("org.deleveraging.facts.*")) return true;
        String binary = name.replace("LayerChoice.Layer", "LayerChoice$Layer").replace("LiquidationDecision.Action",
                "LiquidationDecision$Action");
        return known(binary.replace('.', '/')) != null;
    }

    private static String property(Method m) {
        if (m.getParameterCount() != 0) return null;
        String n = m.getName();
        if (n.startsWith("get") && n.length() > 3) return Character.toLowerCase(n.charAt(3)) + n.substring(4);
        if (n.startsWith("is") && n.length() > 2
                && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class))
            return Character.toLowerCase(n.charAt(2)) + n.substring(3);
        return null;
    }

    static String display(String owner) { return owner.replace('/', '.').replace('$', '.'); }
}
