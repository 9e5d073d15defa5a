package org.handover.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.handover.change.ChangeQueries;
import org.handover.system.HandoverProperties;
import org.handover.system.Nic;
import org.handover.system.PrimaryPool;
import org.handover.system.ReadReplica;
import org.handover.system.web.LayoutModel;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A panel page as a slice ({@code @WebMvcTest}, model: petclinic's {@code OwnerControllerTests}):
 * its controller, the panel's page model, argument resolvers and error pages; not the security
 * chains nor the console (the full-application tests walk through those), nor the filters that
 * guard the database: a request names its signed-in customer with {@link SignedIn#customer}. What
 * the layout asks on every page (the awaiting count, the read replica, the primary's pool) is
 * mocked: it is not the page's subject.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(
    includeFilters =
        @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = LayoutModel.class),
    excludeFilters =
        @ComponentScan.Filter(
            type = FilterType.REGEX,
            pattern = {
              "org\\.handover\\.(apiauth|security|operator|access|staff)\\..*",
              "org\\.handover\\.system\\.web\\.(RequestLimits|DatabaseAwayFilter)"
            }))
@EnableConfigurationProperties(HandoverProperties.class)
@MockitoBean(types = {ChangeQueries.class, PrimaryPool.class, ReadReplica.class})
public @interface PanelSlice {

  /** The page's controllers. */
  @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
  Class<?>[] value() default {};

  /** The request as the signed-in customer sends it, as the panel's sign-in leaves it. */
  final class SignedIn {
    private SignedIn() {}

    public static RequestPostProcessor customer(Nic nic) {
      return request -> {
        request.setUserPrincipal(nic::value);
        return request;
      };
    }
  }
}
