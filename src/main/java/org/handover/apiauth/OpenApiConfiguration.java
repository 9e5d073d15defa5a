package org.handover.apiauth;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The published OpenAPI document of the customer API ({@code /v3/api-docs}, page {@code
 * /api-docs.html}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  static {
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(ApiCaller.class);
  }

  @Bean
  OpenAPI handoverApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Handover customer API")
                .version("1.0")
                .description(
                    "Compatible with the reference provider's API. Calls are signed: X-Ovh-Application,"
                        + " X-Ovh-Consumer, X-Ovh-Timestamp and X-Ovh-Signature = \"$1$\" +"
                        + " sha1(secret+consumer+method+url+body+timestamp). Errors are"
                        + " {\"class\",\"message\"}; void operations answer 200 with null."))
        .components(
            new Components()
                .addSecuritySchemes("application", header("X-Ovh-Application"))
                .addSecuritySchemes("consumer", header("X-Ovh-Consumer"))
                .addSecuritySchemes("signature", header("X-Ovh-Signature")))
        .addSecurityItem(
            new SecurityRequirement()
                .addList("application")
                .addList("consumer")
                .addList("signature"));
  }

  private static SecurityScheme header(String name) {
    return new SecurityScheme()
        .type(SecurityScheme.Type.APIKEY)
        .in(SecurityScheme.In.HEADER)
        .name(name);
  }
}
