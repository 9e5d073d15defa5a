package org.handover.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fails when a form field a person types into (a text, email, password, search, telephone or URL
 * input, or a textarea) has no {@code maxlength}: the browser then lets someone type more than the
 * server takes, and the refusal comes only after the whole form is sent.
 */
class FormFieldsHaveMaxlengthTest {

  private static final Path TEMPLATES = Path.of("src/main/resources/templates");

  private static final Pattern FIELD =
      Pattern.compile("<(input|textarea)\\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", Pattern.DOTALL);
  private static final Pattern TYPE = Pattern.compile("\\stype=\"([^\"]*)\"");
  private static final Set<String> TYPED =
      Set.of("text", "email", "password", "search", "tel", "url");
  private static final Pattern LIMIT = Pattern.compile("[\\s,(\"]maxlength\\s*=|th:maxlength=");

  static List<String> fieldsWithoutLimit(String template) {
    List<String> found = new ArrayList<>();
    Matcher m = FIELD.matcher(template);
    while (m.find()) {
      String tag = m.group();
      Matcher type = TYPE.matcher(tag);
      boolean typed =
          m.group(1).equals("textarea")
              || tag.contains("th:type=")
              || !type.find()
              || TYPED.contains(type.group(1));
      if (typed && !LIMIT.matcher(tag).find()) {
        found.add(tag.replaceAll("\\s+", " "));
      }
    }
    return found;
  }

  @Test
  void everyTypedFieldOfEveryFormHasAMaxlength() throws IOException {
    List<String> missing = new ArrayList<>();
    try (Stream<Path> files = Files.walk(TEMPLATES)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".html")).sorted().toList()) {
        for (String field : fieldsWithoutLimit(Files.readString(file))) {
          missing.add(TEMPLATES.relativize(file) + ": " + field);
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void findsTextFieldsTextareasAndUntypedInputsWithoutALimit() {
    String page =
        """
        <input type="text" name="a"><input name="b"><textarea name="c"></textarea>
        <input type="email" name="d" maxlength="320"><input type="hidden" name="e">
        <input type="checkbox" name="f"><input th:type="${t}" name="g">
        <input type="password" name="h" th:attr="maxlength=${max}">
        """;

    assertThat(fieldsWithoutLimit(page))
        .containsExactly(
            "<input type=\"text\" name=\"a\">",
            "<input name=\"b\">",
            "<textarea name=\"c\">",
            "<input th:type=\"${t}\" name=\"g\">");
  }
}
