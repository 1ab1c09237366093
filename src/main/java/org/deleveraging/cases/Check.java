package org.deleveraging.cases;

/**
 * One line of a verdict: what was checked, the figure the case (or the approved baseline) expects, the figure the
 * run produced, and whether they agree.
 */
public record Check(String subject, String expected, String actual, boolean ok) {

    public static Check of(String subject, String expected, String actual) {
        return new Check(subject, expected, actual, expected.equals(actual));
    }
}
