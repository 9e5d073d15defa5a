package org.handover.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.handover.catalog.HostedService;
import org.handover.catalog.ServiceType;
import org.handover.contact.Contacts;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * My services' rows, written in Java: the same markup the template's row wrote (the first test's
 * row is the template's output, copied), every value escaped, links with the context path.
 */
class ServiceRowsTest {

  private static final Nic ME = new Nic("aa111111-ovh");
  private static final Nic OTHER = new Nic("bb222222-ovh");

  private static String rows(String contextPath, Map<Long, Long> openSets, HostedService... s) {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setContextPath(contextPath);
    return new ServiceRows(messages, Locale.ENGLISH, request, new MockHttpServletResponse())
        .html(List.of(s), openSets, ME);
  }

  private static HostedService service(long id, ServiceType type, String name, Contacts c) {
    return new HostedService(id, type, name, name, HostedService.Status.ok, Instant.EPOCH, null, c);
  }

  @Test
  void aRowIsTheMarkupTheTemplateWrote() {
    String html =
        rows(
            "", Map.of(7L, 1L), service(7, ServiceType.domain, "svc1.example", Contacts.allTo(ME)));

    assertThat(html)
        .isEqualTo(
            """

                <tr data-service="svc1.example">
                  <td class="select"><input type="checkbox" name="service" form="bulk" \
            value="domain:svc1.example" aria-label="Select svc1.example"></td>
                  <td class="title"><a class="service-link" \
            href="/account/contacts/services/domain/svc1.example">svc1.example</a>
                    <a class="open-request" href="/account/contacts/requests/1">Request #1 is \
            open</a></td>
                  <td data-label="Category">domain</td>
                  <td class="contact-admin id" data-label="Administrator contact"><span \
            class="mine">aa111111-ovh</span></td>
                  <td class="contact-tech id" data-label="Technical contact"><span \
            class="mine">aa111111-ovh</span></td>
                  <td class="contact-billing id" data-label="Billing contact"><span \
            class="mine">aa111111-ovh</span></td>
                  <td class="row-actions">
                    <a class="button icon edit" href="/account/contacts/services/domain/svc1.example/edit" \
            aria-label="Edit the contacts of svc1.example" title="Edit the contacts of svc1.example">\
            <svg aria-hidden="true"
                       focusable="false" viewBox="0 0 24 24" width="20" height="20"><path \
            d="M3 17.25V21h3.75L17.8 9.94l-3.75-3.75L3 17.25zm17.7-10.2a1
                       1 0 0 0 0-1.42l-2.33-2.33a1 1 0 0 0-1.42 0l-1.83 1.83 3.75 3.75 \
            1.83-1.83z"/></svg></a>
                    <a href="/account/contacts/services/domain/svc1.example/owner">Owner</a>
                  </td>
                </tr>
                \
            """);
  }

  @Test
  void onlyTheViewersRolesAreMarkedAndOnlyAnAdministratorOfADomainEditsItsOwner() {
    String html =
        rows(
            "",
            Map.of(),
            service(1, ServiceType.vps, "vps-1.example", new Contacts(ME, OTHER, ME)),
            service(2, ServiceType.domain, "b.example", new Contacts(OTHER, ME, OTHER)));

    assertThat(html)
        .contains("<td data-label=\"Category\">VPS</td>")
        .contains("<span class=\"mine\">aa111111-ovh</span>")
        .contains("<span>bb222222-ovh</span>")
        .doesNotContain("open-request")
        .doesNotContain("/owner\">")
        .contains(
            "<a class=\"service-link\" href=\"/account/contacts/services/domain/b.example\">"
                + "b.example</a>\n        </td>");
    assertThat(html.indexOf("<tr ")).isEqualTo(5);
    assertThat(html.split("<tr ", -1)).hasSize(3);
  }

  @Test
  void valuesAreEscapedAndLinksCarryTheContextPath() {
    String html =
        rows(
            "/panel",
            Map.of(),
            service(3, ServiceType.domain, "x<&'\" y.example", Contacts.allTo(ME)));

    assertThat(html)
        .doesNotContain("x<")
        .contains("data-service=\"x&lt;&amp;&#39;&quot; y.example\"")
        .contains(">x&lt;&amp;&#39;&quot; y.example</a>")
        .contains("href=\"/panel/account/contacts/services/domain/x%3C&amp;&#39;%22%20y.example\"")
        .contains(
            "href=\"/panel/account/contacts/services/domain/x%3C&amp;&#39;%22%20y.example/edit\"")
        .contains(
            "href=\"/panel/account/contacts/services/domain/x%3C&amp;&#39;%22%20y.example/owner\"");
  }
}
