package org.handover.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasEntry;
import static org.handover.support.PanelSlice.SignedIn.customer;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.OpenChangeSets;
import org.handover.catalog.ServicePage;
import org.handover.catalog.ServiceQuery;
import org.handover.catalog.ServiceType;
import org.handover.contact.Contacts;
import org.handover.support.PanelSlice;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * My services as a slice (model: petclinic's {@code OwnerControllerTests}): the page's own logic —
 * the query string bound into one form, the filter and paging query it makes, a contact filter that
 * is not a customer ID answered on the page, rows marked with their open change set — with the
 * listing mocked and the open change sets kept in memory. The whole page over a real database is
 * {@code MyServicesPageTest}'s.
 */
@PanelSlice(MyServicesController.class)
@Import(MyServicesControllerTest.InMemoryChangeSets.class)
class MyServicesControllerTest {

  private static final Nic ME = new Nic("aa111111-ovh");
  private static final Nic OTHER = new Nic("bb222222-ovh");

  @Autowired MockMvc mvc;

  @MockitoBean HostedServices services;

  /** The change sets open on services, in memory: service 7 is in set 41. */
  @TestConfiguration
  static class InMemoryChangeSets {
    @Bean
    OpenChangeSets openChangeSets() {
      return new OpenChangeSets() {
        @Override
        public Map<Long, Long> of(Collection<Long> serviceIds) {
          return serviceIds.contains(7L) ? Map.of(7L, 41L) : Map.of();
        }

        @Override
        public int maxServices() {
          return 10_000;
        }
      };
    }
  }

  private static HostedService service(long id, String name, Contacts contacts) {
    return new HostedService(
        id, ServiceType.domain, name, name, HostedService.Status.ok, Instant.EPOCH, null, contacts);
  }

  private ServiceQuery askedQuery() {
    ArgumentCaptor<ServiceQuery> asked = ArgumentCaptor.forClass(ServiceQuery.class);
    verify(services).list(asked.capture());
    return asked.getValue();
  }

  @Test
  void everyFilterOfTheQueryStringReachesTheListing() throws Exception {
    when(services.list(any())).thenReturn(new ServicePage(List.of(), null, null, 0));

    mvc.perform(
            get("/account/contacts/services")
                .param("q", "example")
                .param("type", "vps")
                .param("admin", " BB222222-OVH ")
                .param("tech", ME.value())
                .param("billing", "")
                .param("sort", "nameDesc")
                .param("after", "cursor-a")
                .param("size", "20")
                .with(customer(ME)))
        .andExpect(status().isOk())
        .andExpect(view().name("catalog/services"))
        .andExpect(model().attribute("filtered", true));

    assertThat(askedQuery())
        .isEqualTo(
            new ServiceQuery(
                ME,
                "example",
                ServiceType.vps,
                OTHER,
                ME,
                null,
                ServiceQuery.Sort.nameDesc,
                "cursor-a",
                null,
                20));
  }

  @Test
  void withoutParametersTheFirstPageOfFiftyIsAskedByName() throws Exception {
    when(services.list(any())).thenReturn(new ServicePage(List.of(), null, null, 0));

    mvc.perform(get("/account/contacts/services").with(customer(ME)))
        .andExpect(status().isOk())
        .andExpect(model().attribute("filtered", false))
        .andExpect(model().attribute("maxSet", 10_000));

    assertThat(askedQuery())
        .isEqualTo(new ServiceQuery(ME, null, null, null, null, null, null, null, null, 50));
  }

  @Test
  void aNameSearchIsCountedOnlyWhenTheCountIsAsked() throws Exception {
    when(services.list(any())).thenReturn(new ServicePage(List.of(), null, null, 0));

    mvc.perform(get("/account/contacts/services").param("q", "example").with(customer(ME)))
        .andExpect(status().isOk());
    assertThat(askedQuery().count()).isFalse();

    reset(services);
    when(services.list(any())).thenReturn(new ServicePage(List.of(), null, null, 0));
    mvc.perform(
            get("/account/contacts/services")
                .param("q", "example")
                .param("count", "true")
                .with(customer(ME)))
        .andExpect(status().isOk());
    assertThat(askedQuery().count()).isTrue();

    mvc.perform(get("/account/contacts/services?count=maybe").with(customer(ME)))
        .andExpect(status().isBadRequest());
  }

  @Test
  void anUnknownSortOrCategoryIsIgnoredAndBlankCursorsAreNone() throws Exception {
    when(services.list(any())).thenReturn(new ServicePage(List.of(), null, null, 0));

    mvc.perform(
            get("/account/contacts/services")
                .param("sort", "price")
                .param("type", "boat")
                .param("after", "")
                .param("before", " ")
                .param("q", "")
                .with(customer(ME)))
        .andExpect(status().isOk())
        .andExpect(model().attribute("filtered", false));

    ServiceQuery asked = askedQuery();
    assertThat(asked.sort()).isEqualTo(ServiceQuery.Sort.name);
    assertThat(asked.type()).isNull();
    assertThat(asked.search()).isNull();
    assertThat(asked.after()).isNull();
    assertThat(asked.before()).isNull();
  }

  @Test
  void aContactFilterThatIsNotACustomerIdIsAFieldErrorAndListsNothing() throws Exception {
    mvc.perform(
            get("/account/contacts/services?tech=aa1000&billing=" + OTHER.value())
                .with(customer(ME)))
        .andExpect(status().isBadRequest())
        .andExpect(view().name("catalog/services"))
        .andExpect(model().attribute("filtered", true))
        .andExpect(model().attribute("errors", aMapWithSize(1)))
        .andExpect(model().attribute("typed", hasEntry("tech", "aa1000")))
        .andExpect(model().attribute("typed", hasEntry("billing", OTHER.value())))
        .andExpect(content().string(containsString("aa1000 is not a valid customer ID")));

    verify(services, never()).list(any());
  }

  @Test
  void aSizeThatIsNotANumberIsABadRequest() throws Exception {
    mvc.perform(get("/account/contacts/services?size=many").with(customer(ME)))
        .andExpect(status().isBadRequest());

    verify(services, never()).list(any());
  }

  @Test
  void aRowInAnOpenChangeSetLinksToIt() throws Exception {
    when(services.list(any()))
        .thenReturn(
            new ServicePage(
                List.of(
                    service(7, "busy.example", Contacts.allTo(ME)),
                    service(8, "quiet.example", Contacts.allTo(ME))),
                null,
                "next-cursor",
                2));

    String html =
        mvc.perform(get("/account/contacts/services").with(customer(ME)))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(html)
        .contains("data-service=\"busy.example\"")
        .contains("href=\"/account/contacts/requests/41\"")
        .contains("data-service=\"quiet.example\"");
    assertThat(html.split("open-request", -1)).as("one row marked").hasSize(2);
  }

  /**
   * One button applies the search, the filters and the sort (issue 29: two "Apply" buttons did the
   * same); the three contact filters share one hint instead of repeating it under each field.
   */
  @Test
  void theFiltersHaveOneButtonForAllAndOneHintForTheContacts() throws Exception {
    when(services.list(any())).thenReturn(new ServicePage(List.of(), null, null, 0));
    for (String language : List.of("en", "it", "fr", "de", "es")) {
      String html =
          mvc.perform(
                  get("/account/contacts/services?admin=" + OTHER.value())
                      .header("Accept-Language", language)
                      .with(customer(ME)))
              .andExpect(status().isOk())
              .andReturn()
              .getResponse()
              .getContentAsString();
      int start = html.indexOf("id=\"service-filters\"");
      String form = html.substring(start, html.indexOf("</form>", start));

      assertThat(form.split("<button", -1)).as("%s: buttons in the filters", language).hasSize(2);
      assertThat(form).as(language).contains("<button type=\"submit\" id=\"apply-filters\">");
      assertThat(form.split("class=\"hint", -1)).as("%s: hints", language).hasSize(2);
      assertThat(form.split("aria-describedby=\"hint-contacts\"", -1)).hasSize(4);
      assertThat(form.lastIndexOf("</details>"))
          .as("%s: the button comes after the filters it applies", language)
          .isLessThan(form.indexOf("<button"));
    }
  }

  @Test
  void theSiteRootLeadsToTheServices() throws Exception {
    mvc.perform(get("/").with(customer(ME))).andExpect(redirectedUrl("/account/contacts/services"));
  }
}
