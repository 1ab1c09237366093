package org.deleveraging.accounts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.deleveraging.input.InputException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads an account set from JSON, streaming, so that errors keep their line and a large file is never held twice:
 *
 * <pre>
 * { "accounts": [
 *     { "id": "A1", "mode": "cross", "wallet": "1200",
 *       "positions": [ { "market": "BTCUSDT", "side": "long", "size": "0.5", "entry": "121000" } ] },
 *     { "id": "A2", "mode": "isolated", "wallet": 50,
 *       "positions": [ { "market": "SOLUSDT", "side": "long", "size": 100, "entry": 215, "margin": 2200 } ] } ] }
 * </pre>
 *
 * Numbers may be JSON numbers or strings (strings keep every digit a spreadsheet would round). The fields mean what
 * the CSV columns of the same names mean.
 */
final class AccountJsonReader {
    private static final List<String> ACCOUNT_KEYS = List.of("id", "mode", "wallet", "positions");
    private static final List<String> POSITION_KEYS = List.of("market", "side", "size", "entry", "margin");

    private AccountJsonReader() {}

    static AccountRows read(Path file, String display, KnownMarkets markets) {
        AccountRows rows = new AccountRows(display, markets);
        try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, display,
                    "the file must hold one object with an \"accounts\" list");
            int seen = 0; // the line of the accounts key
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int line = line(p);
                if (!key.equals("accounts")) throw new InputException(display, line, key,
                        "unknown key; expected accounts");
                if (seen > 0) throw twice(display, line, key, seen);
                expect(p, p.nextToken(), JsonToken.START_ARRAY, display, "expected a list of accounts");
                while (p.nextToken() == JsonToken.START_OBJECT) account(p, rows, display);
                expect(p, p.currentToken(), JsonToken.END_ARRAY, display, "expected an account object");
                seen = line;
            }
            closed(p, display);
            if (seen == 0) throw new InputException(display, line(p), "accounts", "missing");
            end(p, display);
        } catch (JsonParseException e) {
            throw new InputException(display, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null,
                    "not valid JSON: " + e.getOriginalMessage().replaceAll("\\s*\\(start marker at.*", "")
                    .replaceAll("\\s+", " "));
        } catch (IOException e) {
            throw new InputException(display, 0, null, "cannot read file: " + e.getMessage());
        }
        return rows;
    }

    private static void account(JsonParser p, AccountRows rows, String display) throws IOException {
        int start = line(p);
        String id = null;
        String mode = null;
        String wallet = null;
        boolean headerDone = false;
        int[] lines = new int[ACCOUNT_KEYS.size()]; // where each key was given, to refuse it twice
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            int line = line(p);
            int k = ACCOUNT_KEYS.indexOf(key);
            if (k < 0)
                throw new InputException(display, line, key,
                        "unknown key; expected one of " + String.join(", ", ACCOUNT_KEYS));
            if (lines[k] > 0) throw twice(display, line, key, lines[k]);
            lines[k] = line;
            JsonToken value = p.nextToken();
            if (key.equals("positions")) {
                if (!headerDone) {
                    rows.account(start, id, mode, wallet, false);
                    headerDone = true;
                }
                expect(p, value, JsonToken.START_ARRAY, display, "expected a list of positions");
                while (p.nextToken() == JsonToken.START_OBJECT) position(p, rows, display);
                expect(p, p.currentToken(), JsonToken.END_ARRAY, display, "expected a position object");
            } else {
                if (headerDone) throw new InputException(display, line, key,
                        "give id, mode and wallet before positions");
                String text = scalar(p, value, display, key);
                switch (key) {
                    case "id" -> id = text;
                    case "mode" -> mode = text;
                    default -> wallet = text;
                }
            }
        }
        closed(p, display);
        if (!headerDone) rows.account(start, id, mode, wallet, false);
    }

    private static void position(JsonParser p, AccountRows rows, String display) throws IOException {
        int start = line(p);
        String[] v = new String[POSITION_KEYS.size()];
        int[] lines = new int[POSITION_KEYS.size()];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            int i = POSITION_KEYS.indexOf(key);
            if (i < 0)
                throw new InputException(display, line(p), key,
                        "unknown key; expected one of " + String.join(", ", POSITION_KEYS));
            if (lines[i] > 0) throw twice(display, line(p), key, lines[i]);
            lines[i] = line(p);
            v[i] = scalar(p, p.nextToken(), display, key);
        }
        closed(p, display);
        rows.position(start, v[0], v[1], v[2], v[3], v[4]);
    }

    private static String scalar(JsonParser p, JsonToken t, String display, String key) throws IOException {
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT
                || t == JsonToken.VALUE_NUMBER_FLOAT) return p.getText();
        if (t == JsonToken.VALUE_NULL) return null;
        throw new InputException(display, line(p), key, "expected a single value");
    }

    /** An object's fields have been read: the next token must close it (a truncated file ends here instead). */
    private static void closed(JsonParser p, String display) {
        if (p.currentToken() == null) throw new InputException(display, line(p), null,
                "not valid JSON: the file ends inside an object");
        expect(p, p.currentToken(), JsonToken.END_OBJECT, display, "expected a key or the end of the object");
    }

    private static InputException twice(String display, int line, String key, int first) {
        return new InputException(display, line, key, "key given twice (first on line " + first + ")");
    }

    /** The object that holds the accounts has closed: nothing but whitespace may follow it. */
    private static void end(JsonParser p, String display) throws IOException {
        JsonToken after;
        try {
            after = p.nextToken();
        } catch (JsonParseException e) {
            after = JsonToken.NOT_AVAILABLE; // not even a JSON token
        }
        if (after != null)
            throw new InputException(display, p.currentLocation().getLineNr(), null,
                    "unexpected text after the end of the accounts object; a file holds one object");
    }

    private static void expect(JsonParser p, JsonToken got, JsonToken want, String display, String problem) {
        if (got != want) throw new InputException(display, line(p), null, problem);
    }

    private static int line(JsonParser p) { return p.currentTokenLocation().getLineNr(); }
}
