package org.deleveraging.input;

/**
 * A user's input is wrong: a file that does not parse, a field that is missing, unknown or out of range. The message
 * names the source as {@code file:line: field: problem}, one line, meant to be shown as it is (no stack trace).
 */
public class InputException extends RuntimeException {
    private final String source;
    private final int line;
    private final String field;

    public InputException(String source, int line, String field, String problem) {
        super(format(source, line, field, problem));
        this.source = source;
        this.line = line;
        this.field = field;
    }

    /** A problem that concerns a whole source, or several of them, already formatted. */
    public InputException(String message) {
        super(message);
        this.source = null;
        this.line = 0;
        this.field = null;
    }

    /** As above, keeping what caused it (a policy rule's exception) for the log; the message is still the one line. */
    public InputException(String message, Throwable cause) {
        super(message, cause);
        this.source = null;
        this.line = 0;
        this.field = null;
    }

    private static String format(String source, int line, String field, String problem) {
        StringBuilder b = new StringBuilder(source == null ? "<input>" : source);
        if (line > 0) b.append(':').append(line);
        b.append(": ");
        if (field != null && !field.isEmpty()) b.append(field).append(": ");
        return b.append(problem).toString();
    }

    public String source() { return source; }
    public int line() { return line; }
    public String field() { return field; }
}
