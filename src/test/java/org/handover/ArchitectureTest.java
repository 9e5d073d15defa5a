package org.handover;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;

/**
 * The code's shape, checked on the compiled classes: the layers of "How it is built"
 * (docs/how-it-is-built.md), package boundaries of STYLE.md, and where SQL may be written.
 */
class ArchitectureTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.handover");

  /**
   * The features from the bottom up: each may use the ones before it, never one after it. {@code
   * system} is the shared kernel (value types, errors and messages, clock, security and web
   * plumbing) and uses no feature; {@code demo} is the top, since it drives every feature.
   */
  static final List<String> LAYERS =
      List.of(
          "system",
          "audit",
          "mail",
          "account",
          "apiauth",
          "contact",
          "catalog",
          "security",
          "change",
          "owner",
          "operator",
          "reassignment",
          "history",
          "access",
          "staff",
          "demo");

  @Test
  void noCyclesBetweenFeatures() {
    slices().matching("org.handover.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void theKernelUsesNoFeature() {
    noClasses()
        .that()
        .resideInAPackage("org.handover.system..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            LAYERS.stream().skip(1).map(l -> "org.handover." + l + "..").toArray(String[]::new))
        .check(MAIN);
  }

  @Test
  void everyFeatureUsesOnlyTheLayersBelowIt() {
    List<String> violations = new ArrayList<>();
    for (int i = 0; i < LAYERS.size() - 1; i++) {
      String[] above =
          LAYERS.subList(i + 1, LAYERS.size()).stream()
              .map(l -> "org.handover." + l + "..")
              .toArray(String[]::new);
      noClasses()
          .that()
          .resideInAPackage("org.handover." + LAYERS.get(i) + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(above)
          .because(LAYERS.get(i) + " is below " + String.join(", ", above))
          .evaluate(MAIN)
          .getFailureReport()
          .getDetails()
          .forEach(violations::add);
    }
    assertThat(violations).as("dependencies running up the layers").isEmpty();
  }

  @Test
  void everyPackageBelongsToALayer() {
    List<String> strays = new ArrayList<>();
    for (JavaClass c : MAIN) {
      String name = c.getPackageName();
      if (name.equals("org.handover")) {
        continue;
      }
      String feature = name.substring("org.handover.".length()).split("\\.")[0];
      if (!LAYERS.contains(feature)) {
        strays.add(c.getName());
      }
    }
    assertThat(strays).as("classes outside the layers of LAYERS").isEmpty();
  }

  @Test
  void controllersLiveInWebOrApiPackages() {
    classes()
        .that()
        .areMetaAnnotatedWith(Controller.class)
        .should()
        .resideInAnyPackage("..web..", "..api..")
        .check(MAIN);
  }

  @Test
  void nothingUsesAController() {
    classes()
        .should(
            new ArchCondition<JavaClass>("not depend on another class's controller") {
              @Override
              public void check(JavaClass item, ConditionEvents events) {
                for (Dependency d : item.getDirectDependenciesFromSelf()) {
                  JavaClass target = d.getTargetClass();
                  if (isController(target)
                      && !target.isAnnotation()
                      && !sameTopLevel(item, target)) {
                    events.add(SimpleConditionEvent.violated(item, d.getDescription()));
                  }
                }
              }
            })
        .check(MAIN);
  }

  @Test
  void sqlIsWrittenOnlyInRepositories() {
    noClasses()
        .that()
        .areNotAnnotatedWith(Repository.class)
        .should()
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "JDBC access classes",
                (JavaClass c) ->
                    c.isAssignableTo(JdbcClient.class)
                        || c.isAssignableTo(JdbcTemplate.class)
                        || c.isAssignableTo(NamedParameterJdbcTemplate.class)))
        .because("SQL lives in repositories (@Repository), each owning its column lists")
        .check(MAIN);
  }

  @Test
  void repositoriesStayInsideTheirFeature() {
    classes()
        .that()
        .haveSimpleNameEndingWith("Repository")
        .should()
        .notHaveModifier(JavaModifier.PUBLIC)
        .because("other features go through the application service")
        .check(MAIN);
  }

  @Test
  void theRulesTableDependsOnNoFrameworkButConfiguration() {
    noClasses()
        .that()
        .resideInAPackage("org.handover.contact")
        .and()
        .doNotHaveSimpleName("PolicyConfiguration")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..", "org.handover.change..", "org.handover.catalog..")
        .check(MAIN);
  }

  @Test
  void theAuditLogIsAppendOnly() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
      List<Path> offenders =
          files
              .filter(Files::isRegularFile)
              .filter(f -> !f.toString().endsWith(".ico"))
              .filter(
                  f -> {
                    try {
                      String text =
                          Files.readString(f).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
                      return text.contains("update audit_log")
                          || text.contains("delete from audit_log");
                    } catch (IOException e) {
                      throw new IllegalStateException(e);
                    }
                  })
              .toList();
      assertThat(offenders).isEmpty();
    }
  }

  @Test
  void codeNamesTypesByImportNotInline() throws IOException {
    Pattern inline =
        Pattern.compile(
            "(?<![\\w.@\"])(java|javax|jakarta|org\\.springframework|org\\.handover)(\\.[a-z][a-z0-9_]*)*"
                + "\\.[A-Z]\\w*");
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        for (String line : Files.readAllLines(f)) {
          String code = line.strip();
          if (code.startsWith("import ")
              || code.startsWith("package ")
              || code.startsWith("*")
              || code.startsWith("/*")
              || code.startsWith("//")) {
            continue;
          }
          if (inline.matcher(code).find()) {
            offenders.add(f + ": " + code);
          }
        }
      }
    }
    assertThat(offenders).as("fully qualified names inline; import them").isEmpty();
  }

  /** One use case, one file: a class that grows past 300 lines is split by use case. */
  @Test
  void noClassIsOver300Lines() throws IOException {
    List<String> large = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        long lines = Files.readAllLines(f).size();
        if (lines > 300) {
          large.add(f + " (" + lines + " lines)");
        }
      }
    }
    assertThat(large).as("classes over 300 lines").isEmpty();
  }

  /**
   * The history reads the audit log's typed subject columns: parsing the detail text would couple
   * it to how each feature words its rows, which the import graph cannot see.
   */
  @Test
  void theHistoryParsesNoText() {
    noClasses()
        .that()
        .resideInAPackage("org.handover.history..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("java.util.regex..")
        .orShould()
        .callMethod(String.class, "matches", String.class)
        .orShould()
        .callMethod(String.class, "split", String.class)
        .orShould()
        .callMethod(String.class, "replaceAll", String.class, String.class)
        .orShould()
        .callMethod(String.class, "replaceFirst", String.class, String.class)
        .because("audit rows carry their subject in typed columns (audit/AuditSubject)")
        .check(MAIN);
  }

  /** Every feature says in one line what it owns (its {@code package-info.java}). */
  @Test
  void everyFeatureSaysWhatItOwns() {
    List<String> silent =
        LAYERS.stream()
            .filter(
                l ->
                    !Files.isRegularFile(
                        Path.of("src/main/java/org/handover", l, "package-info.java")))
            .toList();
    assertThat(silent).as("features without a package-info.java").isEmpty();
  }

  /** One of Handover's controllers (a framework base class such as an error controller is not). */
  private static boolean isController(JavaClass c) {
    return c.getPackageName().startsWith("org.handover") && c.isMetaAnnotatedWith(Controller.class);
  }

  private static boolean sameTopLevel(JavaClass a, JavaClass b) {
    return topLevel(a).equals(topLevel(b));
  }

  private static String topLevel(JavaClass c) {
    String name = c.getName();
    int dollar = name.indexOf('$');
    return dollar < 0 ? name : name.substring(0, dollar);
  }
}
