package org.handover.catalog.web;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.MessageSource;

/**
 * My services' filters and pager for each language, written once the first time a reader of that
 * language needs them: labels, options and hints are the same for every request, so a page only
 * writes its own values between them. Locales come from the panel's resolver (one of five); the
 * controller keeps one instance.
 */
final class ServiceListParts {

  private final MessageSource messages;
  private final Map<Locale, ServiceListLabels> languages = new ConcurrentHashMap<>();

  ServiceListParts(MessageSource messages) {
    this.messages = messages;
  }

  ServiceListLabels labels(Locale locale) {
    return languages.computeIfAbsent(locale, l -> new ServiceListLabels(messages, l));
  }
}
