package org.deleveraging.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    @TempDir Path folder;

    /** The file a one-column Csv writes for {@code value}, less its header line. */
    private String written(Object value) throws IOException {
        Path file = folder.resolve("one.csv");
        try (Csv csv = new Csv(file, "h")) {
            csv.row(value);
        }
        String text = Files.readString(file);
        return text.substring("h\n".length(), text.length() - 1);
    }

    @Test
    void a_plain_field_is_written_as_it_is() throws IOException {
        assertThat(written("A000042")).isEqualTo("A000042");
        assertThat(written(null)).isEmpty();
        assertThat(written("largest profit before a haircut, long"))
                .isEqualTo("\"largest profit before a haircut, long\"");
        assertThat(written("largest profit before a haircut")).isEqualTo("largest profit before a haircut");
    }

    @Test
    void a_field_with_a_comma_quote_or_line_break_is_quoted_with_quotes_doubled() throws IOException {
        assertThat(written("a,b")).isEqualTo("\"a,b\"");
        assertThat(written("say \"no\"")).isEqualTo("\"say \"\"no\"\"\"");
        assertThat(written("two\nlines")).isEqualTo("\"two\nlines\"");
    }

    @Test
    void a_decimal_is_written_exactly_in_plain_notation_without_trailing_zeros() throws IOException {
        assertThat(written(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(written(new BigDecimal("0.000000012300"))).isEqualTo("0.0000000123");
        assertThat(written(new BigDecimal("26933191.704169584635"))).isEqualTo("26933191.704169584635");
    }

    @Test
    void empty_fields_keep_their_commas() throws IOException {
        Path file = folder.resolve("row.csv");
        try (Csv csv = new Csv(file, "a", "b", "c")) {
            csv.row(null, "", null);
        }
        assertThat(Files.readString(file)).isEqualTo("a,b,c\n,,\n");
    }
}
