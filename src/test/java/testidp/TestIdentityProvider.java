package testidp;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * A real OpenID Connect provider for the tests (Spring Authorization Server), started once per test
 * JVM on 127.0.0.1 (a host other than Handover's {@code localhost}, so the two keep their cookies
 * apart). Two issuers on one server: {@code /staff} (the provider's) and {@code /other} (a
 * stranger, for refused tokens). Staff people: {@code vera} (viewer), {@code alice} and {@code
 * arthur} (agents), {@code sam} and {@code sue} (supervisors), password {@value #PASSWORD}. Systems
 * (client credentials): {@code billing-system} (tokens for Handover's operator API audience {@value
 * #AUDIENCE}) and {@code other-system} (tokens for another audience).
 */
public final class TestIdentityProvider {

  public static final String PASSWORD = "staff-password";
  public static final String AUDIENCE = "handover-operator-api";
  public static final String CONSOLE_CLIENT = "handover-console";
  public static final String CONSOLE_SECRET = "console-secret";
  public static final String SYSTEM_SECRET = "system-secret";

  /** Names people go by now ({@code preferred_username}), when a test renamed them. */
  static final Map<String, String> DISPLAY_NAMES = new ConcurrentHashMap<>();

  /** Redirect addresses of the console client; tests add Handover's once its port is known. */
  static final Set<String> REDIRECTS = new CopyOnWriteArraySet<>();

  private static TestIdentityProvider running;

  private final ConfigurableApplicationContext context;
  private final int port;

  private TestIdentityProvider(ConfigurableApplicationContext context) {
    this.context = context;
    this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /** The provider of this JVM, started on first use. */
  public static synchronized TestIdentityProvider start() {
    if (running == null) {
      SpringApplication app = new SpringApplication(Server.class);
      app.setDefaultProperties(
          Map.of(
              "spring.config.name", "testidp",
              "server.port", "0",
              "server.address", "127.0.0.1",
              "server.servlet.session.cookie.name", "IDPSESSION",
              "spring.main.banner-mode", "off",
              "logging.level.root", "WARN",
              // Handover's start-up check runs in every application of the class path
              "handover.api.secret-key", "VMfttEBsSTNavXqZ3SymgyXeQQgtKvXMNRmdmpOSf0A="));
      running = new TestIdentityProvider(app.run());
    }
    return running;
  }

  /**
   * From now on the person (the same {@code sub}) goes by another {@code preferred_username}, as a
   * provider lets people change their user name.
   */
  public void rename(String person, String displayName) {
    DISPLAY_NAMES.put(person, displayName);
  }

  /** Everyone goes by their own name again. */
  public void forgetRenames() {
    DISPLAY_NAMES.clear();
  }

  /** Lets the console client return to this address after sign-in. */
  public void allowRedirect(String uri) {
    REDIRECTS.add(uri);
  }

  public String base() {
    return "http://127.0.0.1:" + port;
  }

  /** The provider's issuer, which Handover trusts. */
  public String issuer() {
    return base() + "/staff";
  }

  /** Another issuer on the same server, which Handover does not trust. */
  public String otherIssuer() {
    return base() + "/other";
  }

  /** Stops nothing: the provider lives as long as the test JVM (one per JVM). */
  public boolean running() {
    return context.isActive();
  }

  /** The Spring Authorization Server application. */
  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration({
    TomcatServletWebServerAutoConfiguration.class,
    DispatcherServletAutoConfiguration.class,
    WebMvcAutoConfiguration.class,
    HttpMessageConvertersAutoConfiguration.class,
    JacksonAutoConfiguration.class,
    SecurityAutoConfiguration.class
  })
  @EnableWebSecurity
  static class Server {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
      OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
      http.securityMatcher(server.getEndpointsMatcher())
          .with(server, s -> s.oidc(Customizer.withDefaults()))
          .authorizeHttpRequests(a -> a.anyRequest().authenticated())
          .exceptionHandling(
              e ->
                  e.defaultAuthenticationEntryPointFor(
                      new LoginUrlAuthenticationEntryPoint("/login"),
                      new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
      return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http) throws Exception {
      http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
          .formLogin(Customizer.withDefaults());
      return http.build();
    }

    @Bean
    UserDetailsService people() {
      var users = new InMemoryUserDetailsManager();
      Map<String, String> roles =
          Map.of(
              "vera", "viewer",
              "alice", "agent",
              "arthur", "agent",
              "sam", "supervisor",
              "sue", "supervisor",
              "nobody", "none");
      roles.forEach(
          (name, role) ->
              users.createUser(
                  User.withUsername(name).password("{noop}" + PASSWORD).roles(role).build()));
      return users;
    }

    @Bean
    AuthorizationServerSettings settings() {
      return AuthorizationServerSettings.builder().multipleIssuersAllowed(true).build();
    }

    @Bean
    RegisteredClientRepository clients() {
      return new RegisteredClientRepository() {
        @Override
        public void save(RegisteredClient client) {
          // the clients are fixed: the server's own updates (secret re-encoding) are not kept
        }

        @Override
        public RegisteredClient findById(String id) {
          return findByClientId(id);
        }

        @Override
        public RegisteredClient findByClientId(String clientId) {
          return switch (clientId) {
            case CONSOLE_CLIENT ->
                RegisteredClient.withId(CONSOLE_CLIENT)
                    .clientId(CONSOLE_CLIENT)
                    .clientSecret("{noop}" + CONSOLE_SECRET)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUris(uris -> uris.addAll(REDIRECTS))
                    .scope(OidcScopes.OPENID)
                    .scope(OidcScopes.PROFILE)
                    .scope(OidcScopes.EMAIL)
                    .clientSettings(
                        ClientSettings.builder().requireAuthorizationConsent(false).build())
                    .build();
            case "billing-system", "other-system" ->
                RegisteredClient.withId(clientId)
                    .clientId(clientId)
                    .clientSecret("{noop}" + SYSTEM_SECRET)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .scope("operator")
                    .build();
            default -> null;
          };
        }
      };
    }

    /** Console roles in the ID token's {@code roles} claim; the operator API audience. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> claims() {
      return context -> {
        if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
          List<String> roles =
              context.getPrincipal().getAuthorities().stream()
                  .map(GrantedAuthority::getAuthority)
                  .filter(a -> a.startsWith("ROLE_"))
                  .map(a -> a.substring(5))
                  .toList();
          context.getClaims().claim("roles", roles);
          String person = context.getPrincipal().getName();
          context
              .getClaims()
              .claim("preferred_username", DISPLAY_NAMES.getOrDefault(person, person));
        } else if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
            && "billing-system".equals(context.getRegisteredClient().getClientId())) {
          context.getClaims().audience(List.of(AUDIENCE));
        }
      };
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
      return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
    }

    @Bean
    JWKSource<SecurityContext> keys() throws Exception {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      var pair = generator.generateKeyPair();
      RSAKey key =
          new RSAKey.Builder((RSAPublicKey) pair.getPublic())
              .privateKey((RSAPrivateKey) pair.getPrivate())
              .keyID(UUID.randomUUID().toString())
              .build();
      return new ImmutableJWKSet<>(new JWKSet(key));
    }
  }
}
