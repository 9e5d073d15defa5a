package org.handover.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.handover.contact.Contacts;
import org.handover.operator.importer.BulkImport;
import org.handover.operator.importer.ImportFile;
import org.handover.operator.importer.ImportProgress;
import org.handover.operator.importer.InvalidRows;
import org.handover.support.IntegrationTest;
import org.handover.system.Actor;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** One service per name whatever its case, final dot or script: stored in one canonical form. */
class CanonicalNamesTest extends IntegrationTest {

  @Autowired HostedServices services;
  @Autowired BulkImport importer;

  private HostedService register(String name, Nic admin) {
    return services.register(
        new NewService(
            ServiceType.domain,
            name,
            name,
            HostedService.Status.ok,
            null,
            Contacts.allTo(admin),
            null),
        Actor.operator("test", null));
  }

  @Test
  void namesAreStoredLowerCaseWithoutAFinalDotAndInPunycode() {
    Nic a = fixtures.account();
    String unique = "Bruno-Only-" + System.nanoTime();

    assertThat(register(unique + ".COM.", a).name()).isEqualTo(unique.toLowerCase() + ".com");
    assertThat(register("Bücher-" + System.nanoTime() + ".Example", a).name())
        .startsWith("xn--bcher-")
        .endsWith(".example");
    assertThat(ServiceNames.canonical("bücher.example")).hasValue("xn--bcher-kva.example");
    assertThat(ServiceNames.canonical("trail.com.")).hasValue("trail.com");
    assertThat(ServiceNames.canonical("a b.com")).isEmpty();
    assertThat(ServiceNames.canonical("\u0430pple.com")).as("Cyrillic а with Latin").isEmpty();
    assertThat(ServiceNames.canonical("яндекс.рф")).hasValue("xn--d1acpjx3f.xn--p1ai");
    assertThat(ServiceNames.canonical("x\u0000.com")).isEmpty();
  }

  @Test
  void aNameDifferingOnlyByCaseOrAFinalDotIsTheSameService() {
    Nic a = fixtures.account();
    String name = "same-" + System.nanoTime() + ".com";
    HostedService first = register(name, a);

    for (String twin : new String[] {name.toUpperCase(), name + ".", "Same" + name.substring(4)}) {
      assertThatThrownBy(() -> register(twin, a)).isInstanceOf(HostedServices.ServiceExists.class);
      assertThat(services.find(ServiceType.domain, twin))
          .map(HostedService::id)
          .hasValue(first.id());
      assertThat(services.requireVisibleTo(a, ServiceType.domain, twin).id()).isEqualTo(first.id());
    }
  }

  @Test
  void anImportWithTwoSpellingsOfOneNameIsRefused() {
    Nic a = fixtures.account();
    String csv =
        "type,name,admin\ndomain,Demo-Shop-00.com,"
            + a.value()
            + "\ndomain,demo-shop-00.com,"
            + a.value()
            + "\n";

    assertThatThrownBy(
            () ->
                importer.run(
                    null,
                    new ImportFile(
                        () -> new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                        csv.length()),
                    true,
                    Actor.operator("t", null),
                    ImportProgress.NONE))
        .isInstanceOfSatisfying(
            InvalidRows.class,
            e ->
                assertThat(e.listed().toString())
                    .contains("demo-shop-00.com")
                    .contains("already on line 2"));
  }
}
