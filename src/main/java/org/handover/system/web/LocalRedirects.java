package org.handover.system.web;

import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;

/**
 * Resolves every {@code redirect:} view name of the panel and console before Thymeleaf does: to a
 * path of this site only ({@link Redirects#isLocalPath}, else {@link Redirects#HOME}), and never
 * expanding the target as a URI template, so input such as {@code {x}} in it cannot fail the
 * answer. (Redirects to another site, such as an API credential's, are built as views on purpose.)
 */
@Component
class LocalRedirects implements ViewResolver, Ordered {

  private static final String PREFIX = "redirect:";

  @Override
  public View resolveViewName(String viewName, Locale locale) {
    if (!viewName.startsWith(PREFIX)) {
      return null;
    }
    return Redirects.view(Redirects.localPath(viewName.substring(PREFIX.length())));
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
