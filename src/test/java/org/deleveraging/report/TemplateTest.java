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
    void a_mark_without_a_value_is_an_error_not_text_on_the_page() {
        assertThatThrownBy(() -> Template.fill("{{title}} {{missing}}", Map.of("title", "t")))
                .hasMessageContaining("{{missing}}");
    }

    @Test
    void text_is_escaped_for_html() {
        assertThat(Html.esc("<script>\"A&B\"'")).isEqualTo("&lt;script&gt;&quot;A&amp;B&quot;&#39;");
    }

    @Test
    void the_page_template_has_a_value_for_every_mark_the_writer_fills() {
        String page = Template.resource("report/report.html");
        for (String mark : new String[] {"title", "css", "header", "metrics", "markCharts", "distribution", "queue",
                "differing", "echarts", "data", "script"})
            assertThat(page).contains("{{" + mark + "}}");
    }
}
