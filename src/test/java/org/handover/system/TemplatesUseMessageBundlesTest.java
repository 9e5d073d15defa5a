package org.handover.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fails when a page template shows text that does not come from the message bundles: literal text
 * outside elements whose content Thymeleaf replaces, or literal user-facing attributes.
 */
class TemplatesUseMessageBundlesTest {

  private static final Path TEMPLATES = Path.of("src/main/resources/templates");
  private static final Pattern TOKEN =
      Pattern.compile("<!--.*?-->|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>|[^<]+", Pattern.DOTALL);
  private static final Pattern NAME = Pattern.compile("^</?\\s*([a-zA-Z0-9:-]+)");
  private static final Pattern REPLACES = Pattern.compile("\\sth:(text|utext|replace|insert)=");
  private static final Pattern LITERAL_ATTRIBUTE =
      Pattern.compile("\\s(placeholder|title|alt|aria-label)=\"([^\"]*\\p{L}[^\"]*)\"");
  private static final Set<String> VOID =
      Set.of("input", "br", "meta", "link", "img", "hr", "source", "area", "col", "wbr");
  private static final Set<String> ALLOWED = Set.of("English", "Italiano", "Français");

  static List<String> violations(String template) {
    List<String> found = new ArrayList<>();
    Deque<Boolean> replaced = new ArrayDeque<>();
    Deque<String> raw = new ArrayDeque<>();
    Matcher m = TOKEN.matcher(template);
    while (m.find()) {
      String token = m.group();
      if (token.startsWith("<!--") || token.startsWith("<!")) {
        continue;
      }
      if (token.startsWith("<")) {
        Matcher name = NAME.matcher(token);
        if (!name.find()) {
          continue;
        }
        String tag = name.group(1).toLowerCase();
        if (token.startsWith("</")) {
          if (!replaced.isEmpty()) {
            replaced.pop();
          }
          if (!raw.isEmpty() && raw.peek().equals(tag)) {
            raw.pop();
          }
          continue;
        }
        Matcher attribute = LITERAL_ATTRIBUTE.matcher(token);
        while (attribute.find()) {
          found.add("attribute " + attribute.group(1) + "=\"" + attribute.group(2) + "\"");
        }
        boolean inside = !replaced.isEmpty() && replaced.peek();
        if (VOID.contains(tag) || token.endsWith("/>")) {
          continue;
        }
        replaced.push(
            inside
                || REPLACES.matcher(token).find()
                || tag.equals("html") && token.contains("th:replace"));
        if (tag.equals("style") || tag.equals("script")) {
          raw.push(tag);
        }
        continue;
      }
      boolean inside = !replaced.isEmpty() && replaced.peek();
      String text = token.strip();
      if (!inside
          && raw.isEmpty()
          && text.codePoints().anyMatch(Character::isLetter)
          && !ALLOWED.contains(text)
          && !text.startsWith("[#")
          && !text.startsWith("[(")) {
        found.add("text \"" + text + "\"");
      }
    }
    return found;
  }

  @Test
  void pageTemplatesTakeEveryVisibleTextFromTheBundles() throws IOException {
    List<String> problems = new ArrayList<>();
    try (Stream<Path> files = Files.walk(TEMPLATES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
        for (String v : violations(Files.readString(file))) {
          problems.add(TEMPLATES.relativize(file) + ": " + v);
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void theCheckCatchesHardCodedText() {
    assertThat(violations("<div><p>Hello there</p></div>")).containsExactly("text \"Hello there\"");
    assertThat(violations("<p th:text=\"#{x}\">Placeholder</p>")).isEmpty();
    assertThat(violations("<input placeholder=\"Type here\">"))
        .containsExactly("attribute placeholder=\"Type here\"");
    assertThat(violations("<a th:text=\"#{x}\"><span>inner</span></a><b>loose</b>"))
        .containsExactly("text \"loose\"");
  }
}
