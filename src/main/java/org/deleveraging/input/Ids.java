package org.deleveraging.input;

/**
 * What an id read from a file (an account id) may hold: at most {@value #MAX_LENGTH} characters and no control
 * characters (U+0000 to U+001F, U+007F to U+009F), invisible format characters (zero-width spaces, bidirectional
 * overrides), line or paragraph separators, or halves of a character. Such a character cannot be seen in a table or a
 * report and makes two ids that look alike different; a NUL byte also ends the id in any C-based tool.
 */
public final class Ids {
    public static final int MAX_LENGTH = 64;

    private Ids() {}

    /** The problem with {@code id} as an id of {@code what} ("an account id"), or null when it is fine. */
    public static String problem(String id, String what) {
        if (id == null || id.isBlank()) return "missing";
        if (id.length() > MAX_LENGTH) return what + " is at most " + MAX_LENGTH + " characters";
        for (int i = 0; i < id.length(); ) {
            int cp = id.codePointAt(i);
            if (!allowed(cp))
                return String.format("%s may not contain control or invisible characters; found U+%04X at character %d",
                        what, cp, id.codePointCount(0, i) + 1);
            i += Character.charCount(cp);
        }
        return null;
    }

    private static boolean allowed(int cp) {
        if (cp >= 0x20 && cp < 0x7F) return true; // the common case
        if (Character.isISOControl(cp)) return false;
        int type = Character.getType(cp);
        return type != Character.FORMAT && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
                && type != Character.SURROGATE && type != Character.UNASSIGNED && type != Character.PRIVATE_USE;
    }
}
