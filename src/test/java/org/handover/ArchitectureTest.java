package org.handover;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Package boundaries of STYLE.md, checked on the compiled classes. */
class ArchitectureTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.handover");

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
}
