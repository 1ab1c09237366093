package org.deleveraging.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void every_mark_is_filled_once_and_what_is_filled_in_is_not_filled_again() {
        assertThat(Template.fill("<h1>{{title}}</h1>{{body}}", Map.of("title", "{{body}}", "body", "$1 \\ done")))
                .isEqualTo("<h1>{{body}}</h1>$1 \\ done");
    }

    @Test
    void a_mark_without_a_value_is_an_error() {
        assertThatThrownBy(() -> Template.fill("{{title}} {{missing}}", Map.of("title", "t")))
                .hasMessageContaining("{{missing}}");
    }

    @Test
    void text_is_escaped_for_html() {
        assertThat(Html.esc("<script>\"A&B\"'")).isEqualTo("&lt;script&gt;&quot;A&amp;B&quot;&#39;");
    }

    @Test
    void a_value_the_template_has_no_mark_for_is_an_error_too() {
        assertThatThrownBy(() -> Template.fill("{{title}}", Map.of("title", "t", "chart", "c")))
                .hasMessageContaining("[chart]");
    }
}
