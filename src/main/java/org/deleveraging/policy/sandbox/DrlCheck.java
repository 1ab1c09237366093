package org.deleveraging.policy.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * Checks a policy's DRL as written, before it is compiled: what it imports and declares, the rules' attributes, and
 * every word of the conditions. Conditions are MVEL, interpreted by Drools rather than compiled to classes the
 * {@link BytecodeCheck} could read, so each word of them must be a fact property, a bound variable, an allowed
 * method or type, or a word of DRL itself; anything else ({@code System}, {@code java.io.File}, {@code getClass}) is
 * refused with the line it is on.
 */
final class DrlCheck {
    /** Words of DRL and MVEL a condition may use besides the allow-list's members and types. */
    private static final Set<String> DRL_WORDS = Set.of("rule", "when", "salience", "no", "loop", "lock", "on",
            "active",
            "agenda", "group", "activation", "ruleflow", "auto", "focus", "enabled", "date", "effective", "expires",
            "dialect", "not", "exists", "forall", "and", "or", "eval", "from", "collect", "accumulate", "in",
            "contains",
            "matches", "memberOf", "soundslike", "str", "excludes", "this", "null", "true", "false", "instanceof",
            "new", "count", "sum", "min", "max", "average", "collectList", "collectSet", "params",
            "timer", "calendars", "duration", "then");
    /**
     * Members whose cost grows with an argument (a scale, an exponent, a precision) or with a number's exponent. In a
     * consequence or an {@code eval} the bytecode check makes sure the size is a small number written in the rule;
     * conditions are interpreted, out of its sight, so there they are refused. ({@code round} is not among them: it is
     * also {@code PoolRisk}'s round, and its precision comes from a {@code MathContext}, which is.)
     */
    private static final Set<String> SIZED = Set.of("setScale", "divide", "divideToIntegralValue", "divideAndRemainder",
            "remainder", "movePointLeft", "movePointRight", "scaleByPowerOfTen", "pow", "sqrt", "MathContext",
            "StringBuilder", "toPlainString", "toBigInteger", "toBigIntegerExact", "unscaledValue");
    /** Rule attributes that start timers or threads, or compile consequences where the bytecode check cannot see. */
    private static final Set<String> REFUSED_ATTRIBUTES = Set.of("timer", "calendars", "duration");

    private static final Set<String> MEMBERS = AllowList.memberNames();
    private static final Set<String> TYPES = AllowList.typeNames();
    private static final Set<String> CONSTANTS = AllowList.constantNames();

    private final String file;
    private final String text;
    private final PackageDescr pkg;
    private final List<Sandbox.Problem> problems = new ArrayList<>();

    DrlCheck(String file, String text, PackageDescr pkg) {
        this.file = file;
        this.text = text;
        this.pkg = pkg;
    }

    List<Sandbox.Problem> run() {
        for (ImportDescr i : pkg.getImports())
            if (!AllowList.importAllowed(i.getTarget()))
                problem(i.getLine(), "import " + i.getTarget(), i.getTarget() + " is not allowed in a policy");
        pkg.getFunctionImports().forEach(i -> problem(i.getLine(), "import function " + i.getTarget(),
                "function imports are not allowed in a policy"));
        pkg.getAccumulateImports().forEach(i -> problem(i.getLine(), "import accumulate " + i.getTarget(),
                "accumulate imports are not allowed in a policy"));
        for (GlobalDescr g : pkg.getGlobals())
            if (!g.getIdentifier().equals("params") || !(g.getType().equals("Parameters")
                    || g.getType().equals("org.deleveraging.facts.Parameters")))
                problem(g.getLine(), "global " + g.getIdentifier(),
                        "the only global a policy may declare is 'org.deleveraging.facts.Parameters params'");
        pkg.getTypeDeclarations().forEach(t -> problem(t.getLine(), "declare " + t.getTypeName(),
                "type declarations are not allowed in a policy: rules read the engine's facts and insert its "
                + "decisions"));
        pkg.getEnumDeclarations().forEach(t -> problem(t.getLine(), "declare enum " + t.getTypeName(),
                "type declarations are not allowed in a policy"));
        pkg.getEntryPointDeclarations().forEach(e -> problem(e.getLine(), "entry-point " + e.getEntryPointId(),
                "entry points are not allowed in a policy"));
        pkg.getWindowDeclarations().forEach(w -> problem(w.getLine(), "window " + w.getName(),
                "windows are not allowed in a policy"));
        for (AttributeDescr a : pkg.getAttributes()) attribute(a, "package " + pkg.getName());
        for (FunctionDescr f : pkg.getFunctions())
            if (f.getDialect() != null && !f.getDialect().equals("java"))
                problem(f.getLine(), "function " + f.getName(), mvelMessage());
        Set<String> functions = new TreeSet<>();
        pkg.getFunctions().forEach(f -> functions.add(f.getName()));
        for (RuleDescr r : pkg.getRules()) rule(r, functions);
        return problems;
    }

    private void rule(RuleDescr r, Set<String> functions) {
        String where = "rule \"" + r.getName() + "\"";
        if (r.isQuery()) {
            problem(r.getLine(), "query " + r.getName(),
                    "queries are not allowed in a policy: the engine asks its own questions");
            return;
        }
        for (AttributeDescr a : r.getAttributes().values()) attribute(a, where);
        patternsMatchedOnce(r, where);
        int from = offset(r.getLine(), 1);
        int to = r.getConsequenceLine() > 0 ? offset(r.getConsequenceLine(), Math.max(1, r.getConsequencePattern()))
                : text.length();
        conditions(where, from, Math.max(from, Math.min(to, text.length())), functions);
    }

    /**
     * A rule may match each kind of fact at most once: a pattern of a kind joined with another of the same kind (in a
     * condition, a {@code not}, an {@code exists} or an {@code accumulate}) compares every pair, a million squared in a
     * ranking of a million candidates, all of it before the first firing, where no budget can stop it.
     */
    private void patternsMatchedOnce(RuleDescr r, String where) {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        count(r.getLhs(), counts);
        counts.forEach((type, n) -> {
            if (n > 1) problem(r.getLine(), where,
                    "matches " + type + " more than once; a rule may match each kind of fact once"
                    + " (a join of a kind with itself compares every pair)");
        });
    }

    /** How often each fact type is matched; for {@code or}, the most any branch matches it. */
    private static void count(BaseDescr d, java.util.Map<String, Integer> counts) {
        if (d instanceof PatternDescr p) {
            String type = p.getObjectType();
            counts.merge(type.substring(type.lastIndexOf('.') + 1), 1, Integer::sum);
            if (p.getSource() instanceof AccumulateDescr a && a.getInput() != null) count(a.getInput(), counts);
            else if (p.getSource() instanceof CollectDescr c && c.getInputPattern() != null) count(c.getInputPattern(),
                    counts);
        } else if (d instanceof OrDescr or) {
            java.util.Map<String, Integer> most = new java.util.TreeMap<>();
            for (BaseDescr branch : or.getDescrs()) {
                java.util.Map<String, Integer> one = new java.util.TreeMap<>();
                count(branch, one);
                one.forEach((k, v) -> most.merge(k, v, Math::max));
            }
            most.forEach((k, v) -> counts.merge(k, v, Integer::sum));
        } else if (d instanceof ConditionalElementDescr ce) {
            for (BaseDescr child : ce.getDescrs()) count(child, counts);
        }
    }

    private void attribute(AttributeDescr a, String where) {
        if (REFUSED_ATTRIBUTES.contains(a.getName()))
            problem(a.getLine(), where,
                    a.getName() + " is not allowed in a policy: rules run only when the engine asks them");
        if (a.getName().equals("dialect") && !"java".equals(a.getValue())) problem(a.getLine(), where, mvelMessage());
    }

    private static String mvelMessage() {
        return "the mvel dialect is not allowed in a policy: consequences are Java, which the sandbox checks";
    }

    /** Every word between a rule's header and its consequence. */
    private void conditions(String where, int from, int to, Set<String> functions) {
        Set<String> reported = new TreeSet<>();
        Tokens tokens = new Tokens(text, from, to);
        String previous = "";
        int evalDepth = 0;  // inside a top-level eval( ... ): Java, compiled, where the bytecode check judges sizes
        int depth = 0;
        for (Tokens.Token t = tokens.next(); t != null; t = tokens.next()) {
            if (t.word()) {
                String w = t.text();
                boolean ok = w.startsWith("$") || DRL_WORDS.contains(w) || MEMBERS.contains(w) || TYPES.contains(w)
                        || CONSTANTS.contains(w) || functions.contains(w) || tokens.boundHere(t)
                        || previous.equals("@");
                if (!ok && reported.add(w)) problem(t.line(), where, refusal(w));
                else if (ok && evalDepth == 0 && SIZED.contains(w) && reported.add(w))
                    problem(t.line(), where, w + " is not allowed in a policy's conditions (its cost grows with its"
                            + " arguments): use it in an eval or the consequence, where a size must be a small "
                            + "number written in the rule");
                previous = w;
                continue;
            }
            if (t.text().equals("(")) {
                depth++;
                // only a top-level eval is compiled Java; one inside a pattern is a condition like any other
                if (previous.equals("eval") && depth == 1) evalDepth = depth;
            } else if (t.text().equals(")")) {
                if (depth == evalDepth) evalDepth = 0;
                depth--;
            }
            previous = t.text();
        }
    }

    private static String refusal(String word) {
        if (Character.isUpperCase(word.charAt(0)))
            return word + " is not allowed in a policy (not a fact, decision or allowed value type)";
        return "'" + word + "' is not allowed in a policy's conditions (not a fact property, a bound variable or an"
                + " allowed method)";
    }

    private int offset(int line, int column) {
        int at = 0;
        for (int l = 1; l < line && at >= 0; l++) {
            at = text.indexOf('\n', at);
            if (at < 0) return text.length();
            at++;
        }
        return Math.min(text.length(), at + Math.max(0, column - 1));
    }

    private void problem(int line, String where, String what) {
        problems.add(new Sandbox.Problem(file, line, where, what));
    }

    /**
     * The words and symbols of a stretch of DRL, without comments and string literals, with their lines. A word is
     * "bound here" when a colon follows it ({@code r : PoolRisk()}, {@code e : equity}): a variable the rule names.
     */
    static final class Tokens {
        record Token(String text, int line, boolean word, int end) {}

        private final String s;
        private final int to;
        private int at;
        private int line;
        private final Set<String> bound = new TreeSet<>();

        Tokens(String s, int from, int to) {
            this.s = s;
            this.at = from;
            this.to = to;
            this.line = 1;
            for (int i = 0; i < from; i++) if (s.charAt(i) == '\n') line++;
            prescanBindings();
        }

        boolean boundHere(Token t) { return bound.contains(t.text()); }

        private void prescanBindings() {
            int saveAt = at, saveLine = line;
            for (Token t = next(); t != null; t = next()) {
                if (!t.word()) continue;
                int i = t.end();
                while (i < to && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
                if (i < to && s.charAt(i) == ':' && (i + 1 >= to || s.charAt(i + 1) != ':')) bound.add(t.text());
            }
            at = saveAt;
            line = saveLine;
        }

        Token next() {
            while (at < to) {
                char c = s.charAt(at);
                if (c == '\n') { line++; at++; continue; }
                if (Character.isWhitespace(c)) { at++; continue; }
                if (c == '/' && at + 1 < to && s.charAt(at + 1) == '/') {
                    while (at < to && s.charAt(at) != '\n') at++; continue;
                }
                if (c == '/' && at + 1 < to && s.charAt(at + 1) == '*') {
                    at += 2;
                    while (at < to && !(s.charAt(at) == '*' && at + 1 < to && s.charAt(at + 1) == '/')) {
                        if (s.charAt(at) == '\n') line++; at++;
                    }
                    at += 2;
                    continue;
                }
                if (c == '"' || c == '\'') {
                    at++;
                    while (at < to && s.charAt(at) != c) {
                        if (s.charAt(at) == '\\') at++; else if (s.charAt(at) == '\n') line++; at++;
                    }
                    at++;
                    continue;
                }
                int start = at;
                if (Character.isJavaIdentifierStart(c)) {
                    while (at < to && Character.isJavaIdentifierPart(s.charAt(at))) at++;
                    return new Token(s.substring(start, at), line, true, at);
                }
                if (Character.isDigit(c)) {
                    // 1_000, 0.5, 1e-3, 10B (an MVEL BigDecimal), 5L
                    while (at < to
                            && (Character.isLetterOrDigit(s.charAt(at)) || s.charAt(at) == '_' || s.charAt(at) == '.'
                            || (s.charAt(at) == '-' || s.charAt(at) == '+')
                            && (s.charAt(at - 1) == 'e' || s.charAt(at - 1) == 'E')))
                        at++;
                    return new Token(s.substring(start, at), line, false, at);
                }
                at++;
                return new Token(String.valueOf(c), line, false, at);
            }
            return null;
        }
    }
}
