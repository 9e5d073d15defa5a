package org.handover.system.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.handover.system.Language;
import org.handover.system.ReadReplica;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.i18n.SessionLocaleResolver;

/**
 * The panel's language: chosen with {@code ?lang=} on any page, set from the account at sign-in,
 * otherwise from the browser's Accept-Language; always one of {@link Language}. Pages get their
 * layout's model from {@link PageLayout}.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

  private final ReadReplica replica;
  private final List<LayoutModel> layout;

  WebConfiguration(ReadReplica replica, List<LayoutModel> layout) {
    this.replica = replica;
    this.layout = layout;
  }

  @Bean
  LocaleResolver localeResolver() {
    SessionLocaleResolver sessions =
        new SessionLocaleResolver() {
          @Override
          public Locale resolveLocale(HttpServletRequest request) {
            return supported(super.resolveLocale(request));
          }

          @Override
          public void setLocale(
              HttpServletRequest request, HttpServletResponse response, Locale locale) {
            super.setLocale(request, response, locale == null ? null : supported(locale));
          }
        };
    sessions.setDefaultLocaleFunction(request -> supported(request.getLocale()));
    return sessions;
  }

  static Locale supported(Locale locale) {
    return Language.of(locale == null ? null : locale.toLanguageTag()).locale();
  }

  /**
   * The panel's script and icon, beside the stylesheet (application.yml serves only /css/** as
   * static files, so that no other link is looked up on the class path).
   */
  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    CacheControl day = CacheControl.maxAge(Duration.ofDays(1)).cachePublic();
    registry
        .addResourceHandler("/js/**")
        .addResourceLocations("classpath:/static/js/")
        .setCacheControl(day);
    registry
        .addResourceHandler("/favicon.ico", "/favicon.svg")
        .addResourceLocations("classpath:/static/")
        .setCacheControl(day);
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    LocaleChangeInterceptor change = new LocaleChangeInterceptor();
    change.setParamName("lang");
    change.setIgnoreInvalidLocale(true);
    registry.addInterceptor(change);
    registry.addInterceptor(new ReplicaFence(replica));
    registry.addInterceptor(new PageLayout(layout));
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new CurrentActor());
  }
}
