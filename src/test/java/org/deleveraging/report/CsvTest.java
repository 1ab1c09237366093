package org.deleveraging.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void a_plain_field_is_written_as_it_is() {
        assertThat(Csv.field("A000042")).isEqualTo("A000042");
        assertThat(Csv.field(null)).isEmpty();
    }

    @Test
    void a_field_with_a_comma_quote_or_line_break_is_quoted_with_quotes_doubled() {
        assertThat(Csv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.field("say \"no\"")).isEqualTo("\"say \"\"no\"\"\"");
        assertThat(Csv.field("two\nlines")).isEqualTo("\"two\nlines\"");
    }

    @Test
    void a_decimal_is_written_exactly_in_plain_notation_without_trailing_zeros() {
        assertThat(Csv.field(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(Csv.field(new BigDecimal("0.000000012300"))).isEqualTo("0.0000000123");
        assertThat(Csv.field(new BigDecimal("26933191.704169584635"))).isEqualTo("26933191.704169584635");
    }
}
