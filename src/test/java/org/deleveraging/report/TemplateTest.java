package org.deleveraging.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void every_mark_is_filled_once_and_what_is_filled_in_is_not_filled_again() {
        assertThat(Template.fill("<h1>{{title}}</h1>{{{body}}}", Map.of("title", "{{body}}", "body", "$1 \\ done")))
                .isEqualTo("<h1>{{body}}</h1>$1 \\ done");
    }

    @Test
    void a_mark_without_a_value_is_an_error() {
        assertThatThrownBy(() -> Template.fill("{{title}} {{missing}}", Map.of("title", "t")))
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> Template.fill("{{#missing}}x{{/missing}}", Map.of("title", "t")))
                .hasMessageContaining("missing");
    }

    @Test
    void text_is_escaped_for_html_by_default_and_only_triple_braces_are_not() {
        assertThat(Html.esc("<script>\"A&B\"'")).isEqualTo("&lt;script&gt;&quot;A&amp;B&quot;&#39;");
        assertThat(Template.fill("{{v}}|{{{v}}}", Map.of("v", "<b a=\"1\">")))
                .isEqualTo("&lt;b a=&quot;1&quot;&gt;|<b a=\"1\">");
    }
}
