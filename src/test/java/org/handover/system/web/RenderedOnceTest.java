package org.handover.system.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handover.support.Fixtures;
import org.handover.support.IntegrationTest;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The layout's blocks rendered once per language ({@link RenderedOnce}) make the very pages the
 * template made on every request, byte for byte, for customers and visitors in several languages,
 * with and without a query in the address; and each customer still gets their own name, customer ID
 * and sign-out token in the header, whoever rendered a block first.
 */
class RenderedOnceTest extends IntegrationTest {

  private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern DATA_TOKEN = Pattern.compile("data-csrf=\"[^\"]+\"");

  @Autowired MockMvc mvc;
  @Autowired LayoutDialect layout;

  @AfterEach
  void cacheOnAgain() {
    layout.once().enabled(true);
  }

  private Cookie signIn(Nic nic) throws Exception {
    MvcResult r =
        mvc.perform(
                post("/login")
                    .param("login", nic.value())
                    .param("password", Fixtures.PASSWORD)
                    .with(csrf()))
            .andReturn();
    assertThat(r.getResponse().getStatus()).as("sign-in of " + nic).isEqualTo(302);
    return r.getResponse().getCookie("SESSION");
  }

  private String page(String path, Cookie session) throws Exception {
    var request = get(path);
    if (session != null) {
      request.cookie(session);
    }
    return mvc.perform(request).andReturn().getResponse().getContentAsString();
  }

  /** The page with its sign-out token (new on every request) masked. */
  private static String masked(String html) {
    String once = TOKEN.matcher(html).replaceAll("name=\"_csrf\" value=\"…\"");
    return DATA_TOKEN.matcher(once).replaceAll("data-csrf=\"…\"");
  }

  private static String token(String html) {
    Matcher m = TOKEN.matcher(html);
    assertThat(m.find()).as("a sign-out token on the page").isTrue();
    return m.group(1);
  }

  @Test
  void pagesAreTheSameBytesWithBlocksRenderedOnceAsRenderedEveryTime() throws Exception {
    Cookie english = signIn(fixtures.accountThatSignsIn(Language.en));
    Cookie italian = signIn(fixtures.accountThatSignsIn(Language.it));
    List<String> paths =
        List.of(
            "/account/contacts/services",
            "/account/contacts/services?q=site&type=domain&sort=nameDesc",
            "/account/contacts/requests",
            "/account/profile",
            "/account/security",
            "/account/contacts/services?q=%7Bx%7D");
    for (Cookie session : new Cookie[] {english, italian, null}) {
      for (String path : session == null ? List.of("/login", "/login?lang=de") : paths) {
        layout.once().enabled(false);
        String everyTime = masked(page(path, session));
        layout.once().enabled(true);
        String filling = masked(page(path, session));
        String fromCache = masked(page(path, session));
        assertThat(everyTime)
            .as(path)
            .contains("<header class=\"top\">")
            .contains("hreflang=\"es\"");
        assertThat(filling).as(path + " while the blocks are rendered").isEqualTo(everyTime);
        assertThat(fromCache).as(path + " from the rendered blocks").isEqualTo(everyTime);
      }
    }
  }

  @Test
  void eachCustomerGetsTheirOwnHeaderLanguageAndTokenFromTheSameBlocks() throws Exception {
    Nic anna = fixtures.accountThatSignsIn(Language.en);
    Nic bruno = fixtures.accountThatSignsIn(Language.it);
    Cookie annaSession = signIn(anna);
    Cookie brunoSession = signIn(bruno);
    String path = "/account/contacts/services?q=x";

    String annaPage = page(path, annaSession);
    String brunoPage = page(path, brunoSession);
    String annaAgain = page(path, annaSession);
    assertThat(layout.once().renderedBlocks())
        .contains(
            "fragments/layout::head-links/en",
            "fragments/layout::langs/en",
            "fragments/layout::menu-links/en",
            "fragments/layout::menu-tools/en",
            "fragments/layout::langs/it",
            "fragments/layout::menu-links/it");

    for (String html : List.of(annaPage, annaAgain)) {
      assertThat(html)
          .contains("<html lang=\"en\">")
          .contains("class=\"who\">" + anna + "</span>")
          .contains(">Your account</a>")
          .contains("href=\"/account/contacts/services?q=x&amp;lang=it\"")
          .doesNotContain(bruno.value());
    }
    assertThat(brunoPage)
        .contains("<html lang=\"it\">")
        .contains("class=\"who\">" + bruno + "</span>")
        .doesNotContain(anna.value())
        .doesNotContain(">Your account</a>");
    assertThat(annaPage).containsPattern("<strong>Test User \\d+</strong>");
    String annaName = annaPage.replaceAll("(?s).*<strong>(Test User \\d+)</strong>.*", "$1");
    assertThat(brunoPage).doesNotContain("<strong>" + annaName + "</strong>");

    // each page's sign-out token is its own customer's: Bruno's does not sign Anna out
    mvc.perform(post("/logout").cookie(annaSession).param("_csrf", token(brunoPage)))
        .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(403));
    mvc.perform(post("/logout").cookie(annaSession).param("_csrf", token(annaAgain)))
        .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(302));
  }
}
