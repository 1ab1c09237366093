package org.deleveraging.policy;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.Money;
import org.deleveraging.input.ContainedPath;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A policy with some of its settings changed, as a sweep varies them: the policy's files with its policy.yaml
 * rewritten (and, for {@code adl.closePrice}, one module swapped), so that a variant is a policy like any other, its
 * snapshot stored with the runs it made and readable without the sweep. What may be changed:
 * <ul>
 * <li>{@code parameters.<name>}: a parameter the policy declares;</li>
 * <li>the settings in {@link #SETTINGS}, written as in policy.yaml (checked by the same reader);</li>
 * <li>{@code margin.rateMultiplier}: every maintenance rate of every tier table multiplied by the value (at the 12
 *     places policy.yaml keeps a rate);</li>
 * <li>{@code adl.closePrice}: the module of {@code rules/adl-price/} the policy uses replaced by the one named
 *     ({@code bankruptcy}, {@code mark}, ...).</li>
 * </ul>
 */
public final class PolicyVariant {
    /** Settings of policy.yaml a sweep may set directly. */
    public static final List<String> SETTINGS = List.of("liquidation.orderLimit", "liquidation.slippage",
            "liquidation.surplusTo", "liquidation.feeRate", "liquidation.maxRounds", "liquidation.closeOutMovesMark",
            "insuranceFund.granularity", "insuranceFund.windowSteps", "adl.allocation", "adl.topN",
            "adl.maxCandidates", "adl.queueRefresh", "haircut.severity", "haircut.maxFraction",
            "haircut.protectMaintenance");
    public static final String RATE_MULTIPLIER = "margin.rateMultiplier";
    public static final String CLOSE_PRICE = "adl.closePrice";
    public static final String PARAMETER = "parameters.";
    private static final String CLOSE_PRICE_FOLDER = "adl-price/";

    private PolicyVariant() {}

    /** Whether a sweep may vary this key of a policy. */
    public static boolean varies(String key) {
        return SETTINGS.contains(key) || key.equals(RATE_MULTIPLIER) || key.equals(CLOSE_PRICE)
                || key.startsWith(PARAMETER) && key.length() > PARAMETER.length();
    }

    /**
     * The files of {@code base} with {@code changes} made, in the order given. A change the policy cannot take (a
     * parameter it does not declare, a close price for a policy without an {@code adl-price/} module, a module that
     * does not exist) is an {@link IllegalArgumentException} saying why; a value its policy.yaml refuses is found when
     * the files are built ({@link PolicyLoader#fromFiles}).
     *
     * @param rulesRoot where a swapped module is read from
     */
    public static List<PolicyFile> files(Policy base, Map<String, String> changes, Path rulesRoot) {
        if (changes.isEmpty()) return base.files();
        List<PolicyFile> files = new ArrayList<>(base.files());
        PolicyFile yamlFile = files.get(0);
        Node root = compose(yamlFile.content());
        StringBuilder header = new StringBuilder("# a variant of " + yamlFile.path() + " (policy " + base.id() + "@"
                + base.hash().substring(0, 8) + "):");
        for (var change : changes.entrySet()) {
            String key = change.getKey();
            String value = change.getValue();
            header.append(' ').append(key).append('=').append(value);
            if (key.startsWith(PARAMETER)) {
                String name = key.substring(PARAMETER.length());
                if (!base.parameters().asMap().containsKey(name))
                    throw new IllegalArgumentException("policy " + base.id() + " declares no parameter '" + name
                            + "'; it declares " + (base.parameters().asMap().isEmpty() ? "none"
                            : String.join(", ", base.parameters().asMap().keySet())));
                set(root, List.of("parameters", name), value);
            } else if (key.equals(RATE_MULTIPLIER)) {
                multiplyRates(child((MappingNode) root, "margin"), new BigDecimal(value));
            } else if (key.equals(CLOSE_PRICE)) {
                swapClosePrice(base, root, files, value, rulesRoot);
            } else if (SETTINGS.contains(key)) {
                set(root, List.of(key.split("\\.")), value);
            } else {
                throw new IllegalArgumentException("a sweep cannot vary '" + key + "'");
            }
        }
        files.set(0, new PolicyFile(yamlFile.path(), header + "\n" + dump(root)));
        return files;
    }

    private static void swapClosePrice(Policy base, Node root, List<PolicyFile> files, String module, Path rulesRoot) {
        if (!module.matches("[a-z0-9][a-z0-9-]*"))
            throw new IllegalArgumentException("a close price is the name of a module in rules/adl-price/, such as "
                    + "bankruptcy or mark");
        SequenceNode modules = (SequenceNode) child((MappingNode) root, "modules");
        int at = -1;
        if (modules != null)
            for (int i = 0; i < modules.getValue().size(); i++)
                if (modules.getValue().get(i) instanceof ScalarNode s && s.getValue().startsWith(CLOSE_PRICE_FOLDER))
                    at = i;
        if (at < 0) throw new IllegalArgumentException("policy " + base.id() + " names no module of rules/"
                + CLOSE_PRICE_FOLDER + " to replace");
        String old = ((ScalarNode) modules.getValue().get(at)).getValue();
        String name = CLOSE_PRICE_FOLDER + module + ".drl";
        Path file = ContainedPath.resolve(rulesRoot, rulesRoot, name, ".drl", "rules/",
                IllegalArgumentException::new);
        if (!Files.isRegularFile(file))
            throw new IllegalArgumentException("no module rules/" + name + " (" + String.join(", ", modules(rulesRoot))
                    + ")");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + PolicyLoader.display(file) + ": " + e.getMessage());
        }
        modules.getValue().set(at, scalar(name));
        for (int i = 1; i < files.size(); i++)
            if (files.get(i).path().replace('\\', '/').endsWith("/" + old)) {
                files.set(i, new PolicyFile(PolicyLoader.display(file), text));
                return;
            }
        throw new IllegalArgumentException("policy " + base.id() + "'s snapshot has no file for module " + old);
    }

    private static List<String> modules(Path rulesRoot) {
        try (var listed = Files.list(rulesRoot.resolve(CLOSE_PRICE_FOLDER))) {
            return listed.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".drl"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void multiplyRates(Node margin, BigDecimal factor) {
        if (margin instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                String key = ((ScalarNode) t.getKeyNode()).getValue();
                if (key.equals("rate") && t.getValueNode() instanceof ScalarNode rate) {
                    BigDecimal scaled = Money.clean(new BigDecimal(rate.getValue()).multiply(factor)
                            .setScale(Money.SCALE, Money.ROUNDING));
                    m.getValue().set(m.getValue().indexOf(t), new NodeTuple(t.getKeyNode(),
                            scalar(scaled.toPlainString())));
                } else {
                    multiplyRates(t.getValueNode(), factor);
                }
            }
        } else if (margin instanceof SequenceNode s) {
            for (Node n : s.getValue()) multiplyRates(n, factor);
        }
    }

    /** Sets the scalar at {@code path}, making the mappings on the way that the file leaves out. */
    private static void set(Node root, List<String> path, String value) {
        MappingNode at = (MappingNode) root;
        for (int i = 0; i < path.size() - 1; i++) {
            Node next = child(at, path.get(i));
            if (next == null) {
                next = new MappingNode(Tag.MAP, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK);
                at.getValue().add(new NodeTuple(scalar(path.get(i)), next));
            }
            if (!(next instanceof MappingNode m))
                throw new IllegalArgumentException(String.join(".", path.subList(0, i + 1)) + " is not a section");
            at = m;
        }
        String last = path.get(path.size() - 1);
        List<NodeTuple> tuples = at.getValue();
        for (int i = 0; i < tuples.size(); i++)
            if (((ScalarNode) tuples.get(i).getKeyNode()).getValue().equals(last)) {
                tuples.set(i, new NodeTuple(tuples.get(i).getKeyNode(), scalar(value)));
                return;
            }
        tuples.add(new NodeTuple(scalar(last), scalar(value)));
    }

    private static Node child(MappingNode m, String key) {
        for (NodeTuple t : m.getValue())
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) return t.getValueNode();
        return null;
    }

    private static ScalarNode scalar(String value) {
        Tag tag = new Resolver().resolve(NodeId.scalar, value, true);
        return new ScalarNode(tag, value, null, null, DumperOptions.ScalarStyle.PLAIN);
    }

    private static Node compose(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(options).compose(new StringReader(text));
    }

    private static String dump(Node root) {
        DumperOptions options = new DumperOptions();
        options.setWidth(120);
        java.io.StringWriter out = new java.io.StringWriter();
        new Yaml(options).serialize(root, out);
        return out.toString();
    }
}
