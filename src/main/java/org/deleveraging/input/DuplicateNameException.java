package org.deleveraging.input;


/**
 * A name that is already taken (an account set or an imported scenario): the user picks another or deletes the old one.
 */
public class DuplicateNameException extends InputException {
    public DuplicateNameException(String message) { super(message); }
}
