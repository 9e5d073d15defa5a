package org.handover.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.support.PanelSlice.SignedIn.customer;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.OpenChangeSets;
import org.handover.catalog.ServicePage;
import org.handover.catalog.ServiceType;
import org.handover.contact.Contacts;
import org.handover.support.PanelSlice;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * My services' filters, count line and pager, written in Java ({@link ServiceListHtml}): byte for
 * byte the markup the template wrote for the same request, in five languages, with typed values
 * escaped, selections, field errors, cursors and counts. The expected parts under {@code
 * catalog/web/list-parts} are the template's output, captured before the change, then changed
 * deliberately once: one button after the filters instead of two "Apply", one hint for the three
 * contact filters (issue 29).
 */
@PanelSlice(MyServicesController.class)
@Import(ServiceListHtmlTest.NoOpenSets.class)
class ServiceListHtmlTest {

  private static final Nic ME = new Nic("aa111111-ovh");
  private static final List<HostedService> TWO =
      List.of(service(1, "a.example"), service(2, "b.example"));

  @Autowired MockMvc mvc;
  @MockitoBean HostedServices services;

  @TestConfiguration
  static class NoOpenSets {
    @Bean
    OpenChangeSets openChangeSets() {
      return new OpenChangeSets() {
        @Override
        public Map<Long, Long> of(Collection<Long> serviceIds) {
          return Map.of();
        }

        @Override
        public int maxServices() {
          return 10_000;
        }
      };
    }
  }

  private static HostedService service(long id, String name) {
    return new HostedService(
        id,
        ServiceType.domain,
        name,
        name,
        HostedService.Status.ok,
        Instant.EPOCH,
        null,
        Contacts.allTo(ME));
  }

  private void assertSameParts(
      String expected, String language, MockHttpServletRequestBuilder request, ServicePage page)
      throws Exception {
    when(services.list(any())).thenReturn(page);
    String html =
        mvc.perform(request.header("Accept-Language", language).with(customer(ME)))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(parts(html)).isEqualTo(resource(expected));
  }

  @Test
  void aFirstPageOfAnUncountedListInEnglish() throws Exception {
    assertSameParts(
        "s1", "en", get("/account/contacts/services"), page(null, "n1", ServicePage.UNCOUNTED));
  }

  @Test
  void aContactFilterThatIsNotACustomerIdInItalianWithEscapedSearchCategoryAndSort()
      throws Exception {
    assertSameParts(
        "s2",
        "it",
        get("/account/contacts/services?q=%3Ca%26'%22&type=vps&sort=nameDesc&admin=bad"),
        page(null, null, 2));
  }

  @Test
  void aCountedMiddlePageInFrenchKeepsItsCountInThePager() throws Exception {
    assertSameParts(
        "s3",
        "fr",
        get("/account/contacts/services?tech=bb222222-ovh&size=20&count=true&after=c1"),
        page("p1", "n2", 1234));
  }

  @Test
  void anEmptyListInGerman() throws Exception {
    assertSameParts(
        "s4",
        "de",
        get("/account/contacts/services?sort=type"),
        new ServicePage(List.of(), null, null, 0));
  }

  @Test
  void aLaterPageOfAnUncountedSearchInSpanish() throws Exception {
    assertSameParts(
        "s5", "es", get("/account/contacts/services?q=x&after=zz"), page("p1", "n2", -1));
  }

  @Test
  void aListThatFitsOnItsPage() throws Exception {
    assertSameParts(
        "s6",
        "en",
        get("/account/contacts/services?type=email&billing=aa111111-ovh"),
        page(null, null, 2));
  }

  @Test
  void typedValuesAreEscapedInFieldsAndInLinks() throws Exception {
    assertSameParts(
        "s7",
        "fr",
        get("/account/contacts/services")
            .param("q", "a&b \"c\" <d> é+#%")
            .param("tech", "BB222222-ovh")
            .param("sort", "type"),
        page("p&1", "n=2", ServicePage.UNCOUNTED));
  }

  private static ServicePage page(String previous, String next, long total) {
    return new ServicePage(TWO, previous, next, total);
  }

  /** The filters' form, the count line and the pager of a page, as the expected files hold them. */
  private static String parts(String html) {
    int form = html.indexOf("<form class=\"card\" action");
    String filters = html.substring(form, html.indexOf("</form>", form) + 7);
    int p = html.indexOf("<p id=\"services-total\">");
    String total = p < 0 ? "" : html.substring(p, html.indexOf("</p>", p) + 4);
    int nav = html.indexOf("<nav class=\"pager\"");
    String pager = nav < 0 ? "" : html.substring(nav, html.indexOf("</nav>", nav) + 6);
    return String.join("\n<!-- part -->\n", filters, total, pager) + "\n";
  }

  private static String resource(String name) throws IOException {
    try (InputStream in =
        ServiceListHtmlTest.class.getResourceAsStream(
            "/catalog/web/list-parts/" + name + ".html")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
