package org.deleveraging.policy.sandbox;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * Reads the classes Drools compiled from a policy's Java code (consequences, {@code eval}s, functions) and refuses
 * what a policy may not do. Checking the bytecode rather than the source means nothing the source can spell
 * (a fully qualified name, a static import, a cast, a string concatenation) escapes the check.
 *
 * <p>Beyond the {@link AllowList}: no loops (a backward jump), no recursion (a cycle among the policy's functions),
 * no {@code try}/{@code catch} (which could swallow the engine's stop), no {@code synchronized}, no lambdas, no
 * primitive arrays, and size arguments only as small numbers written in the rule. So a consequence runs straight
 * through, in time bounded by its length, and each rule firing is a bounded amount of work; the firing, insert and
 * time budgets ({@code DroolsDecisions}) bound the rest.
 *
 * <p>Drools' own plumbing classes (the invokers it generates from its templates, named {@code ...Invoker}) call into
 * Drools and are checked against a wider list: Drools, KIE and the fact contract only.
 */
final class BytecodeCheck {

    /** One refusal: the class and method it was found in, the line of the generated source, and what was refused. */
    record Finding(String className, String method, int line, String what, String symbol) {}

    private final Map<String, byte[]> classes;
    private final Set<String> functionClasses;
    private final List<Finding> findings = new ArrayList<>();
    /** Calls from each of the policy's methods to another of its methods, to find recursion. */
    private final Map<String, Set<String>> calls = new HashMap<>();
    private final Map<String, ClassNode> nodes = new HashMap<>();

    /**
     * @param classes the compiled classes by name ({@code rules/ranking/Rule_...}), as Drools keeps them
     * @param functionClasses internal names of the classes that hold the policy's {@code function}s
     */
    BytecodeCheck(Map<String, byte[]> classes, Set<String> functionClasses) {
        this.classes = new LinkedHashMap<>();
        classes.forEach((name, bytes) -> this.classes.put(internal(name), bytes));
        this.functionClasses = functionClasses;
    }

    List<Finding> run() {
        for (var e : classes.entrySet()) {
            ClassNode node = new ClassNode();
            new ClassReader(e.getValue()).accept(node, 0);
            boolean plumbing = e.getKey().endsWith("Invoker") && !functionClasses.contains(e.getKey());
            for (MethodNode m : node.methods) {
                if (plumbing) checkPlumbing(node, m);
                else checkPolicyCode(node, m);
            }
        }
        findRecursion();
        return findings;
    }

    private void checkPolicyCode(ClassNode owner, MethodNode m) {
        if (!m.tryCatchBlocks.isEmpty())
            add(owner, m, firstLine(m), "try/catch is not allowed in a policy (a rule that fails stops the run)",
                    "try");
        Set<LabelNode> seen = new HashSet<>();
        Frame<SourceValue>[] frames = null;
        int line = firstLine(m);
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof LineNumberNode ln) line = ln.line;
            if (insn instanceof LabelNode l) seen.add(l);
            if (insn instanceof JumpInsnNode j && seen.contains(j.label)) add(owner, m, line, loopMessage(), "while");
            if (insn instanceof TableSwitchInsnNode || insn instanceof LookupSwitchInsnNode) {
                List<LabelNode> targets = insn instanceof TableSwitchInsnNode t ? t.labels
                        : ((LookupSwitchInsnNode) insn).labels;
                if (targets.stream().anyMatch(seen::contains)) add(owner, m, line, loopMessage(), "while");
            }
            switch (insn.getOpcode()) {
                case Opcodes.MONITORENTER ->
                        add(owner, m, line, "synchronized is not allowed in a policy", "synchronized");
                case Opcodes.NEWARRAY, Opcodes.MULTIANEWARRAY ->
                        add(owner, m, line, "arrays are not allowed in a policy", "[");
                default -> { }
            }
            if (insn instanceof MethodInsnNode call) {
                if (declares(call.owner, call.name, call.desc)) {
                    calls.computeIfAbsent(key(owner.name, m), k -> new HashSet<>())
                            .add(key(call.owner, call.name, call.desc));
                    continue;
                }
                // a policy class's inherited member is Object's
                String target = classes.containsKey(call.owner) ? "java/lang/Object" : call.owner;
                if (isKnowledgeHelper(call.owner)) {
                    if (!call.name.equals("insert") || !call.desc.startsWith("(Ljava/lang/Object;)"))
                        add(owner, m, line,
                                "drools." + call.name + " is not allowed in a policy: a rule only inserts its decision",
                                call.name);
                    continue;
                }
                String refused = AllowList.refusal(target, call.name);
                if (refused != null) {
                    add(owner, m, line, refused + " is not allowed in a policy", symbol(target, call.name));
                    continue;
                }
                if (SizeArgument.takesOne(call)) {
                    if (frames == null) frames = frames(owner, m);
                    String problem = SizeArgument.problem(call, frames[m.instructions.indexOf(insn)]);
                    if (problem != null) add(owner, m, line, problem, call.name);
                }
            } else if (insn instanceof FieldInsnNode f) {
                if (classes.containsKey(f.owner)) continue;
                // the allowed types' fields are constants (BigDecimal.ONE, RoundingMode.CEILING, Layer.ADL)
                if (f.getOpcode() == Opcodes.PUTSTATIC || f.getOpcode() == Opcodes.PUTFIELD
                        || !AllowList.typeAllowed(f.owner))
                    add(owner, m, line, AllowList.display(f.owner) + "." + f.name + " is not allowed in a policy",
                            f.name);
            } else if (insn instanceof TypeInsnNode t) {
                String type = elementType(t.desc);
                if (!AllowList.typeAllowed(type) && !classes.containsKey(type) && !isKnowledgeHelper(type)
                        && !type.equals("org/drools/base/rule/consequence/ConsequenceContext"))
                    add(owner, m, line, AllowList.display(type) + " is not allowed in a policy", simpleName(type));
                else if (t.getOpcode() == Opcodes.ANEWARRAY) {
                    if (frames == null) frames = frames(owner, m);
                    if (!SizeArgument.smallConstant(frames[m.instructions.indexOf(insn)], 0))
                        add(owner, m, line, "arrays are not allowed in a policy", "[");
                }
            } else if (insn instanceof InvokeDynamicInsnNode indy) {
                if (!indy.bsm.getOwner().equals("java/lang/invoke/StringConcatFactory"))
                    add(owner, m, line, indy.bsm.getOwner().endsWith("LambdaMetafactory")
                            ? "lambdas and method references are not allowed in a policy"
                            : AllowList.display(indy.bsm.getOwner()) + " is not allowed in a policy", "->");
            } else if (insn instanceof LdcInsnNode ldc && (ldc.cst instanceof Type || ldc.cst instanceof Handle)) {
                add(owner, m, line, "class literals are not allowed in a policy", "class");
            } else if (insn instanceof MultiANewArrayInsnNode) {
                add(owner, m, line, "arrays are not allowed in a policy", "[");
            }
        }
    }

    /** Drools' template code: it may use Drools, KIE, the fact contract and basic Java types, nothing else. */
    /** Whether {@code owner} is one of the policy's classes and declares the method itself. */
    private boolean declares(String owner, String name, String desc) {
        byte[] bytes = classes.get(owner);
        if (bytes == null) return false;
        ClassNode node = nodes.computeIfAbsent(owner, o -> {
            ClassNode n = new ClassNode();
            new ClassReader(bytes).accept(n, ClassReader.SKIP_CODE);
            return n;
        });
        return node.methods.stream().anyMatch(x -> x.name.equals(name) && x.desc.equals(desc));
    }

    private void checkPlumbing(ClassNode owner, MethodNode m) {
        int line = firstLine(m);
        for (AbstractInsnNode insn : m.instructions) {
            String target = insn instanceof MethodInsnNode c ? c.owner : insn instanceof FieldInsnNode f ? f.owner
                    : insn instanceof TypeInsnNode t ? elementType(t.desc) : null;
            if (insn instanceof InvokeDynamicInsnNode indy) target = indy.bsm.getOwner();
            if (target != null && !plumbingMayUse(target))
                add(owner, m, line, AllowList.display(target) + " is not allowed in a policy", simpleName(target));
        }
    }

    private boolean plumbingMayUse(String type) {
        return classes.containsKey(type) || type.startsWith("org/drools/") || type.startsWith("org/kie/")
                || type.startsWith("org/deleveraging/facts/") || AllowList.typeAllowed(type)
                || type.startsWith("[") || type.equals("java/lang/Class");
    }

    private void findRecursion() {
        Set<String> done = new HashSet<>();
        for (String start : calls.keySet()) {
            List<String> path = new ArrayList<>();
            String cycle = cycleFrom(start, path, new HashSet<>(), done);
            if (cycle != null) {
                String className = cycle.substring(0, cycle.indexOf('.'));
                String method = cycle.substring(cycle.indexOf('.') + 1, cycle.indexOf('('));
                findings.add(new Finding(className, method, 0,
                        "recursion is not allowed in a policy (function " + method + " calls itself)", method));
                return;
            }
        }
    }

    private String cycleFrom(String at, List<String> path, Set<String> onPath, Set<String> done) {
        if (onPath.contains(at)) return at;
        if (!done.add(at)) return null;
        onPath.add(at);
        for (String next : calls.getOrDefault(at, Set.of())) {
            String c = cycleFrom(next, path, onPath, done);
            if (c != null) return c;
        }
        onPath.remove(at);
        return null;
    }

    private static Frame<SourceValue>[] frames(ClassNode owner, MethodNode m) {
        try {
            return new Analyzer<>(new SourceInterpreter()).analyze(owner.name, m);
        } catch (AnalyzerException e) {
            throw new IllegalStateException("cannot analyse the compiled rule " + owner.name + "." + m.name, e);
        }
    }

    private void add(ClassNode owner, MethodNode m, int line, String what, String symbol) {
        Finding f = new Finding(owner.name, m.name, line, what, symbol);
        if (!findings.contains(f)) findings.add(f);
    }

    private static String loopMessage() {
        return "loops are not allowed in a policy (a rule fires once per match: write another rule instead)";
    }

    /** The class an array type holds ("java/lang/Object" for an array of primitives, which are harmless). */
    private static String elementType(String internalName) {
        if (!internalName.startsWith("[")) return internalName;
        Type element = Type.getType(internalName).getElementType();
        return element.getSort() == Type.OBJECT ? element.getInternalName() : "java/lang/Object";
    }

    private static boolean isKnowledgeHelper(String owner) {
        return owner.equals("org/drools/core/rule/consequence/KnowledgeHelper");
    }

    private static String symbol(String owner, String name) {
        return "<init>".equals(name) ? simpleName(owner) : name;
    }

    static String simpleName(String internal) {
        String s = internal.substring(internal.lastIndexOf('/') + 1);
        return s.substring(s.lastIndexOf('$') + 1);
    }

    private static int firstLine(MethodNode m) {
        for (AbstractInsnNode insn : m.instructions) if (insn instanceof LineNumberNode ln) return ln.line;
        return 0;
    }

    private static String key(String owner, MethodNode m) { return key(owner, m.name, m.desc); }

    private static String key(String owner, String name, String desc) { return owner + "." + name + desc; }

    private static String internal(String name) {
        String n = name.endsWith(".class") ? name.substring(0, name.length() - ".class".length()) : name;
        return n.replace('.', '/');
    }

    /**
     * Members whose cost grows with an int argument (a scale, an exponent, a precision, a capacity) or with the
     * exponent of a decimal string: allowed with a number written in the rule, at most {@link
     * AllowList#MAX_SIZE_ARGUMENT}.
     */
    static final class SizeArgument {
        private SizeArgument() {}

        /** BigDecimal's members whose int arguments are sizes; its other int arguments are values. */
        private static final Set<String> BIG_DECIMAL = Set.of("setScale", "divide", "movePointLeft", "movePointRight",
                "scaleByPowerOfTen", "pow", "valueOf");

        static boolean takesOne(MethodInsnNode call) {
            Type[] args = Type.getArgumentTypes(call.desc);
            boolean anInt = java.util.Arrays.stream(args).anyMatch(t -> t.getSort() == Type.INT);
            return switch (call.owner) {
                case "java/math/BigDecimal" -> BIG_DECIMAL.contains(call.name) && anInt
                        || "<init>".equals(call.name) && call.desc.startsWith("(Ljava/lang/String;");
                case "java/math/MathContext" -> "<init>".equals(call.name) && anInt;
                case "java/lang/StringBuilder" -> ("<init>".equals(call.name) || "ensureCapacity".equals(call.name)
                        || "setLength".equals(call.name)) && anInt;
                default -> false;
            };
        }

        private static boolean isString(Type t, MethodInsnNode call) {
            return call.owner.equals("java/math/BigDecimal") && t.getDescriptor().equals("Ljava/lang/String;");
        }

        /** Null when every size argument of the call is a small number written in the rule. */
        static String problem(MethodInsnNode call, Frame<SourceValue> before) {
            Type[] args = Type.getArgumentTypes(call.desc);
            for (int i = 0; i < args.length; i++) {
                int depth = args.length - 1 - i;
                if (args[i].getSort() == Type.INT && !smallConstant(before, depth))
                    return AllowList.display(call.owner) + "." + ("<init>".equals(call.name) ? "<init>" : call.name)
                            + " takes a size (a scale, an exponent, a precision): write it as a number of at most "
                            + AllowList.MAX_SIZE_ARGUMENT + " in the rule";
                if (isString(args[i], call) && !smallDecimalLiteral(before, depth))
                    return "new BigDecimal(String) takes a number written in the rule, with at most "
                            + AllowList.MAX_SIZE_ARGUMENT + " decimals and exponent digits";
            }
            return null;
        }

        /** Whether the stack value {@code depth} places below the top was pushed by a small int constant. */
        static boolean smallConstant(Frame<SourceValue> frame, int depth) {
            AbstractInsnNode source = onlySource(frame, depth);
            if (source == null) return false;
            Integer v = switch (source.getOpcode()) {
                case Opcodes.ICONST_M1, Opcodes.ICONST_0, Opcodes.ICONST_1, Opcodes.ICONST_2, Opcodes.ICONST_3,
                        Opcodes.ICONST_4, Opcodes.ICONST_5 -> source.getOpcode() - Opcodes.ICONST_0;
                case Opcodes.BIPUSH, Opcodes.SIPUSH -> ((IntInsnNode) source).operand;
                case Opcodes.LDC -> ((LdcInsnNode) source).cst instanceof Integer i ? i : null;
                default -> null;
            };
            return v != null && Math.abs(v) <= AllowList.MAX_SIZE_ARGUMENT;
        }

        private static boolean smallDecimalLiteral(Frame<SourceValue> frame, int depth) {
            AbstractInsnNode source = onlySource(frame, depth);
            if (!(source instanceof LdcInsnNode ldc) || !(ldc.cst instanceof String s)) return false;
            try {
                BigDecimal d = new BigDecimal(s);
                return Math.abs(d.scale()) <= AllowList.MAX_SIZE_ARGUMENT
                        && d.precision() <= AllowList.MAX_SIZE_ARGUMENT;
            } catch (NumberFormatException e) {
                return true;  // it throws when the rule runs, as the rule says
            }
        }

        private static AbstractInsnNode onlySource(Frame<SourceValue> frame, int depth) {
            if (frame == null || frame.getStackSize() <= depth) return null;
            SourceValue v = frame.getStack(frame.getStackSize() - 1 - depth);
            return v.insns.size() == 1 ? v.insns.iterator().next() : null;
        }
    }
}
