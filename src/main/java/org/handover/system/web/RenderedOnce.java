package org.handover.system.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.handover.system.Html;
import org.springframework.beans.factory.ObjectProvider;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.TemplateSpec;
import org.thymeleaf.context.Contexts;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.engine.AttributeName;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.element.AbstractAttributeTagProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.web.servlet.IServletWebExchange;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * {@code ho:once}: a block of the layout that is the same for every request of a language is
 * rendered once per language and then written as it was rendered, instead of running its attribute
 * processors (links, messages, loops) on every page. The block must be a {@code th:fragment}; it is
 * rendered on its own, from a context holding only the provider's name, the demo flag and the
 * language, never a request's values, so nothing of one customer can reach another. {@code
 * ho:once="currentPath"} names the one per-request value a block may hold (the page's own address,
 * in the language links): the block is rendered with a marker in its place, and each request writes
 * its own address, escaped, where the marker was. A block holding anything else per request stays
 * out of {@code ho:once}.
 */
final class RenderedOnce extends AbstractAttributeTagProcessor {

  static final String PREFIX = "ho";
  static final String RENDERING = "ho::renderingOnce";

  /** Stands for the page's address while a block is rendered: plain characters no step alters. */
  private static final String MARKER = "/ho-once-current-path-4b1f";

  private final ObjectProvider<ITemplateEngine> engine;
  private final Map<Key, String[]> rendered = new ConcurrentHashMap<>();
  private volatile boolean enabled;

  RenderedOnce(ObjectProvider<ITemplateEngine> engine, boolean enabled) {
    super(TemplateMode.HTML, PREFIX, null, false, "once", true, 50, true);
    this.engine = engine;
    this.enabled = enabled;
  }

  /** Turns the cache off (every block rendered in place, as without {@code ho:once}) or on. */
  void enabled(boolean on) {
    this.enabled = on;
    rendered.clear();
  }

  /** The blocks rendered so far, as {@code template::fragment/language}. */
  List<String> renderedBlocks() {
    return rendered.keySet().stream()
        .map(k -> k.template() + "::" + k.fragment() + "/" + k.locale())
        .sorted()
        .toList();
  }

  private record Key(
      String template,
      String fragment,
      Locale locale,
      Object providerName,
      Object demoMode,
      boolean addressHasQuery) {}

  @Override
  protected void doProcess(
      ITemplateContext context,
      IProcessableElementTag tag,
      AttributeName attributeName,
      String slot,
      IElementTagStructureHandler structure) {
    String fragment = tag.getAttributeValue("th", "fragment");
    if (!enabled
        || context.containsVariable(RENDERING)
        || fragment == null
        || !Contexts.isWebContext(context)
        || !(Contexts.getWebExchange(context) instanceof IServletWebExchange exchange)
        || !(exchange.getNativeRequestObject() instanceof HttpServletRequest request)
        || !(exchange.getNativeResponseObject() instanceof HttpServletResponse response)
        || !"/x".equals(response.encodeURL("/x"))) {
      return; // rendered in place, as any other markup
    }
    String address = null;
    if (slot != null && !slot.isBlank()) {
      if (!"currentPath".equals(slot)
          || !(context.getVariable(slot) instanceof String path)
          || path.indexOf('#') >= 0
          || path.indexOf('{') >= 0) {
        return; // the link builder treats such an address its own way: rendered in place
      }
      address = path;
    }
    Key key =
        new Key(
            tag.getTemplateName(),
            fragment,
            context.getLocale(),
            context.getVariable("providerName"),
            context.getVariable("demoMode"),
            address != null && address.indexOf('?') >= 0);
    String[] parts = rendered.get(key);
    if (parts == null) {
      String marker = Pattern.quote(key.addressHasQuery() ? MARKER + "?" : MARKER);
      parts = render(key, request, response, address != null).split(marker, -1);
      rendered.putIfAbsent(key, parts);
    }
    structure.replaceWith(
        address == null ? parts[0] : String.join(Html.escape(address), parts), false);
  }

  /** The block on its own, from a context that holds no value of the request. */
  private String render(
      Key key, HttpServletRequest request, HttpServletResponse response, boolean withAddress) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("providerName", key.providerName());
    variables.put("demoMode", key.demoMode());
    variables.put(RENDERING, Boolean.TRUE);
    if (withAddress) {
      variables.put("currentPath", key.addressHasQuery() ? MARKER + "?" : MARKER);
    }
    IServletWebExchange alone =
        JakartaServletWebApplication.buildApplication(request.getServletContext())
            .buildExchange(new RequestWithoutValues(request), response);
    return engine
        .getObject()
        .process(
            new TemplateSpec(key.template(), Set.of(key.fragment()), TemplateMode.HTML, null),
            new WebContext(alone, key.locale(), variables));
  }
}
