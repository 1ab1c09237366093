package org.deleveraging.policy.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.deleveraging.policy.sandbox.BytecodeCheck.Finding;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;

/**
 * The rules' sandbox: a policy folder is untrusted input, so its DRL may use the fact contract, the decision
 * factories and an allow-list of value types and pure functions ({@link AllowList}), and nothing else. Checked twice
 * when a policy loads: the DRL as written ({@link DrlCheck}: imports, globals, attributes, every word of the
 * conditions), and the classes Drools compiled from its Java code ({@link BytecodeCheck}: every class and member they
 * use, loops, recursion). At run time the compiled rules' classes resolve through {@link #classLoader()}, which
 * refuses every class outside the list, so a way around both checks would still find nothing to call.
 *
 * <p>Each refusal is one line: {@code file:line: rule "…": <what> is not allowed in a policy}.
 */
public final class Sandbox {

    /** One refusal, at the line of the DRL it was found on. */
    public record Problem(String file, int line, String where, String what) {
        @Override public String toString() { return file + (line > 0 ? ":" + line : "") + ": " + where + ": " + what; }
    }

    private final Map<String, String> sources;
    private final Map<String, PackageDescr> parsed = new LinkedHashMap<>();

    /** @param sources each DRL file's text, by the name its messages give it ({@code rules/ranking/bitmex.drl}) */
    public Sandbox(Map<String, String> sources) {
        this.sources = sources;
        sources.forEach((file, text) -> {
            DrlParser parser = new DrlParser();
            try {
                PackageDescr pkg = parser.parse(false, text);
                if (pkg != null && !parser.hasErrors()) parsed.put(file, pkg);
            } catch (DroolsParserException | RuntimeException e) {
                // a file that does not parse does not compile either: the compiler names its line
            }
        });
    }

    /** The refusals in the DRL as written; empty when it may be compiled. */
    public List<Problem> checkSources() {
        List<Problem> out = new ArrayList<>();
        parsed.forEach((file, pkg) -> out.addAll(new DrlCheck(file, sources.get(file), pkg).run()));
        return out;
    }

    /** The refusals in what Drools compiled from the policy's Java code; empty when it may run. */
    public List<Problem> checkCompiled(KieBase base) {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (KiePackage p : base.getKiePackages()) {
            if (!(p instanceof InternalKnowledgePackage pkg))
                return List.of(new Problem(p.getName(), 0, "package " + p.getName(), "cannot be read by the sandbox"));
            if (pkg.getDialectRuntimeRegistry().getDialectData("java") instanceof JavaDialectRuntimeData java)
                classes.putAll(java.getStore());
        }
        Set<String> functions = new TreeSet<>();
        parsed.values().forEach(pkg -> pkg.getFunctions().forEach(f -> functions.add(functionClass(pkg, f))));
        List<Problem> out = new ArrayList<>();
        for (Finding f : new BytecodeCheck(classes, functions).run()) {
            Problem p = locate(f);
            if (!out.contains(p)) out.add(p);
        }
        return out;
    }

    /**
     * The parent of every compiled policy's class loader: it refuses every class a policy may not use, so that a
     * symbolic reference or {@code Class.forName} in rule code fails even if it got past the checks.
     */
    public static ClassLoader classLoader() { return SandboxClassLoader.INSTANCE; }

    /** The rule or function a compiled class belongs to, and the line of the DRL where the refused name is written. */
    private Problem locate(Finding f) {
        for (var e : parsed.entrySet()) {
            PackageDescr pkg = e.getValue();
            String text = sources.get(e.getKey());
            for (FunctionDescr fn : pkg.getFunctions())
                if (f.className().equals(functionClass(pkg, fn)))
                    return new Problem(e.getKey(), lineOf(text, f.symbol(), fn.getLine(), fn.getEndLine()),
                            "function " + fn.getName(), f.what());
            RuleDescr best = null;
            for (RuleDescr r : pkg.getRules()) {
                String prefix = path(pkg) + "/Rule_" + normalize(r.getName());
                if (f.className().startsWith(prefix) && f.className().substring(prefix.length()).matches("-?\\d+.*")
                        && (best == null || normalize(r.getName()).length() > normalize(best.getName()).length()))
                    best = r;
            }
            if (best != null) {
                boolean consequence = f.method().startsWith("defaultConsequence")
                        || f.method().startsWith("consequence");
                int from = consequence && best.getConsequenceLine() > 0 ? best.getConsequenceLine() : best.getLine();
                int to = consequence || best.getConsequenceLine() <= 0 ? best.getEndLine() : best.getConsequenceLine();
                return new Problem(e.getKey(), lineOf(text, f.symbol(), from, to), "rule \"" + best.getName() + "\"",
                        f.what());
            }
        }
        String file = parsed.isEmpty() ? "policy" : parsed.keySet().iterator().next();
        return new Problem(file, 0, "compiled class " + f.className(), f.what());
    }

    /** The first line in [from, to] where {@code symbol} is written as a word; {@code from} when none is. */
    static int lineOf(String text, String symbol, int from, int to) {
        String[] lines = text.split("\n", -1);
        int last = to > 0 ? Math.min(to, lines.length) : lines.length;
        for (int l = Math.max(1, from); l <= last; l++) {
            int at = lines[l - 1].indexOf(symbol);
            while (at >= 0) {
                boolean before = at == 0 || !Character.isJavaIdentifierPart(lines[l - 1].charAt(at - 1));
                int end = at + symbol.length();
                boolean after = end >= lines[l - 1].length()
                        || !Character.isJavaIdentifierPart(lines[l - 1].charAt(end));
                if (before && after || !Character.isJavaIdentifierStart(symbol.charAt(0))) return l;
                at = lines[l - 1].indexOf(symbol, at + 1);
            }
        }
        return Math.max(from, 0);
    }

    private static String functionClass(PackageDescr pkg, FunctionDescr f) {
        return path(pkg) + "/" + Character.toUpperCase(f.getName().charAt(0)) + f.getName().substring(1);
    }

    private static String path(PackageDescr pkg) { return pkg.getName().replace('.', '/'); }

    /** Drools' class name for a rule: spaces become underscores, other signs {@code $u<code>$}. */
    static String normalize(String ruleName) {
        StringBuilder b = new StringBuilder();
        for (char c : ruleName.toCharArray()) {
            if (c == ' ') b.append('_');
            else if (Character.isJavaIdentifierPart(c) && c != '$') b.append(c);
            else b.append("$u").append((int) c).append('$');
        }
        return b.toString();
    }
}
