package io.reflex.router.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TemplateTest {

  private final JsonObject event =
      new JsonObject()
          .put("subject", "dev-1")
          .put(
              "data",
              new JsonObject().put("value", 97.5).put("tags", new JsonArray().add("a").add("b")));

  @Test
  @DisplayName("a whole-string placeholder keeps the value's type; spliced ones become text")
  void render() {
    Template template =
        Template.compile(
            new JsonObject()
                .put("celsius", "${data.value}")
                .put("message", "${subject} reads ${data.value}")
                .put("second", "${data.tags[1]}")
                .put("missing", "${data.nothing}")
                .put("constant", 3));
    assertThat(template.render(event))
        .isEqualTo(
            new JsonObject()
                .put("celsius", 97.5)
                .put("message", "dev-1 reads 97.5")
                .put("second", "b")
                .putNull("missing")
                .put("constant", 3));
  }

  @Test
  @DisplayName(
      "a negative or non-numeric index is refused when the template compiles, not while events route")
  void badIndex() {
    assertThatThrownBy(() -> Template.compile("${data.tags[-1]}"))
        .hasMessageContaining("index '-1'");
    assertThatThrownBy(() -> Template.compile("${data.tags[x]}")).hasMessageContaining("index 'x'");
  }

  @Test
  @DisplayName("a placeholder may take a whole object")
  void wholeObject() {
    assertThat(Template.compile("${data}").render(event)).isEqualTo(event.getJsonObject("data"));
  }
}
