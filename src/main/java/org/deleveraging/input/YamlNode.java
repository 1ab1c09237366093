package org.deleveraging.input;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML node that remembers where it came from, so that every error about a policy, scenario or case file can name
 * the file, line and field. Readers declare the keys they accept; anything else is an error.
 */
public final class YamlNode {
    private final String source;
    private final String path;
    private final Node node;
    private final int keyLine;

    private YamlNode(String source, String path, Node node, int keyLine) {
        this.source = source;
        this.path = path;
        this.node = node;
        this.keyLine = keyLine;
    }

    public static YamlNode load(Path file, String displayName) {
        try {
            return parse(Files.readString(file), displayName);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw Utf8.error(file, displayName);
        } catch (IOException e) {
            throw new InputException(displayName, 0, null, "cannot read file: " + e.getMessage());
        }
    }

    public static YamlNode parse(String text, String displayName) {
        try (Reader r = new StringReader(text)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            Node root = new Yaml(options).compose(r);
            if (root == null) throw new InputException(displayName, 1, null, "the file is empty");
            return new YamlNode(displayName, "", root, 1);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new InputException(displayName, line, null, "not valid YAML: " + e.getProblem());
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new InputException(displayName, 0, null, "not valid YAML: " + e.getMessage());
        } catch (IOException e) {
            throw new InputException(displayName, 0, null, e.getMessage());
        }
    }

    public String source() { return source; }
    public String path() { return path.isEmpty() ? "(document)" : path; }
    public int line() { return node.getStartMark().getLine() + 1; }

    public InputException error(String problem) { return new InputException(source, line(), path(), problem); }

    public boolean isMap() { return node instanceof MappingNode; }
    public boolean isList() { return node instanceof SequenceNode; }
    public boolean isScalar() { return node instanceof ScalarNode; }

    private Map<String, YamlNode> entries() {
        if (!(node instanceof MappingNode m)) throw error("expected a mapping of keys to values");
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) throw error("keys must be plain names");
            String childPath = path.isEmpty() ? k.getValue() : path + "." + k.getValue();
            YamlNode first = out.put(k.getValue(),
                    new YamlNode(source, childPath, t.getValueNode(), k.getStartMark().getLine() + 1));
            // SnakeYAML checks duplicate keys when it constructs Java objects; a composed node graph keeps them all
            if (first != null)
                throw new InputException(source, k.getStartMark().getLine() + 1, childPath,
                        "key given twice (first on line " + first.keyLine + ")");
        }
        return out;
    }

    /** Rejects any key not in {@code allowed}, naming the first unknown one and listing the accepted ones. */
    public YamlNode onlyKeys(Collection<String> allowed) {
        for (var e : entries().entrySet()) {
            if (!allowed.contains(e.getKey()))
                throw new InputException(source, e.getValue().keyLine(), e.getValue().path(),
                        "unknown key; expected one of " + String.join(", ", allowed));
        }
        return this;
    }

    private int keyLine() { return keyLine; }

    public Set<String> keys() { return entries().keySet(); }

    public Map<String, YamlNode> asMap() { return entries(); }

    public Optional<YamlNode> opt(String key) { return Optional.ofNullable(entries().get(key)); }

    public YamlNode get(String key) {
        YamlNode n = entries().get(key);
        if (n == null) throw new InputException(source, line(), path.isEmpty() ? key : path + "." + key, "missing");
        return n;
    }

    public List<YamlNode> asList() {
        if (!(node instanceof SequenceNode s)) throw error("expected a list");
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < s.getValue().size(); i++)
            out.add(new YamlNode(source, path + "[" + i + "]", s.getValue().get(i),
                    s.getValue().get(i).getStartMark().getLine() + 1));
        return out;
    }

    public String text() {
        if (!(node instanceof ScalarNode s)) throw error("expected a single value");
        return s.getValue();
    }

    /** A number within {@link Bound#NUMBER}; {@code -13%} reads as -0.13. */
    public BigDecimal decimal() { return decimal(Bound.NUMBER); }

    /**
     * A number within {@code bound} (magnitude and decimal places, checked on the text before any arithmetic);
     * {@code -13%} reads as -0.13, and the bound applies to that fraction. Underscores between digits are ignored.
     */
    public BigDecimal decimal(Bound bound) {
        String t = text().trim().replace("_", "");
        boolean percent = t.endsWith("%");
        if (percent) t = t.substring(0, t.length() - 1).trim();
        try {
            if (!percent) return Decimals.parse(t, bound);
            if (t.length() > Bound.MAX_TEXT) throw new Bound.OutOfRange(Bound.tooLong(t));
            BigDecimal v;
            try {
                // scaleByPowerOfTen changes the scale only: movePointLeft would expand 1E999999999 to its digits
                v = new BigDecimal(t).scaleByPowerOfTen(-2);
            } catch (ArithmeticException scaleOverflow) {
                throw new Bound.OutOfRange("out of range: " + bound.describe() + ", got '" + Bound.shown(text().trim())
                        + "'");
            }
            return bound.check(v, text().trim());
        } catch (NumberFormatException e) {
            throw error("expected a number, got '" + Bound.shown(text()) + "'");
        } catch (Bound.OutOfRange e) {
            throw error(e.getMessage());
        }
    }

    /** A value computed from this node's (a price moved by a percentage): it too must stay within {@code bound}. */
    public BigDecimal derived(BigDecimal value, Bound bound) {
        if (value.abs().compareTo(bound.max()) > 0)
            throw error("out of range: " + text().trim() + " comes to " + value.toPlainString() + ", at most 1e"
                    + bound.maxExponent() + " for " + bound.noun());
        return value;
    }

    public BigDecimal nonNegative() { return nonNegative(Bound.NUMBER); }

    public BigDecimal nonNegative(Bound bound) {
        BigDecimal v = decimal(bound);
        if (v.signum() < 0) throw error("must not be negative, got " + v.toPlainString());
        return v;
    }

    public BigDecimal positive() { return positive(Bound.NUMBER); }

    public BigDecimal positive(Bound bound) {
        BigDecimal v = decimal(bound);
        if (v.signum() <= 0) throw error("must be positive, got " + v.toPlainString());
        return v;
    }

    public int integer() {
        try {
            return unchecked().intValueExact();
        } catch (ArithmeticException e) {
            throw error("expected a whole number, got '" + Bound.shown(text()) + "'");
        }
    }

    public long longValue() {
        try {
            return unchecked().longValueExact();
        } catch (ArithmeticException e) {
            throw error("expected a whole number, got '" + Bound.shown(text()) + "'");
        }
    }

    /**
     * The text as a number, its length capped but its range not checked, for a caller that compares it with its own
     * range before computing with it (intValueExact, compareTo and stripTrailingZeros judge 1E999999999 from its
     * precision and scale alone).
     */
    public BigDecimal unchecked() {
        String t = text().trim().replace("_", "");
        if (t.length() > Bound.MAX_TEXT) throw error(Bound.tooLong(t));
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw error("expected a whole number, got '" + Bound.shown(text()) + "'");
        }
    }

    public boolean bool() {
        return switch (text().trim().toLowerCase()) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error("expected true or false, got '" + text() + "'");
        };
    }

    /** Reads one of the listed words (case-insensitive, '-' and '_' alike) as an enum constant. */
    public <E extends Enum<E>> E choice(Class<E> type) {
        String t = text().trim().toUpperCase().replace('-', '_');
        for (E e : type.getEnumConstants()) if (e.name().equals(t)) return e;
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) names.add(e.name().toLowerCase().replace('_', '-'));
        throw error("expected one of " + String.join(", ", names) + ", got '" + text() + "'");
    }
}
