package org.handover.system.web;

import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafProperties;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.dialect.AbstractProcessorDialect;
import org.thymeleaf.processor.IProcessor;

/**
 * The {@code ho:} attributes of the templates: {@code ho:once} ({@link RenderedOnce}). The blocks
 * are rendered once only while Thymeleaf caches its templates ({@code spring.thymeleaf.cache}), so
 * that an edited layout shows at once in development.
 */
@Component
class LayoutDialect extends AbstractProcessorDialect {

  private final RenderedOnce once;

  LayoutDialect(ObjectProvider<ITemplateEngine> engine, ThymeleafProperties thymeleaf) {
    super("Handover layout", RenderedOnce.PREFIX, 1000);
    this.once = new RenderedOnce(engine, thymeleaf.isCache());
  }

  @Override
  public Set<IProcessor> getProcessors(String dialectPrefix) {
    return Set.of(once);
  }

  /** The processor, for the test that compares pages rendered with and without it. */
  RenderedOnce once() {
    return once;
  }
}
