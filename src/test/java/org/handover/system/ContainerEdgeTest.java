package org.handover.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.handover.support.H2Database;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What only a real server shows: requests refused by Tomcat or Spring Security's firewall before
 * any controller runs answer in the API's error shape on API paths, and behind a TLS-terminating
 * proxy ({@code X-Forwarded-Proto: https}) redirects stay on https and HSTS is sent. Raw sockets,
 * so that nothing between the test and the server rewrites the request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ContainerEdgeTest {

  @LocalServerPort int port;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    H2Database.register(registry, "container-edge");
  }

  @Test
  void theFirewallsRefusalIsInTheApiErrorShape() throws IOException {
    for (String target :
        new String[] {"/1.0/me/%2e%2e/auth/time", "/1.0/auth/time;jsessionid=x/..;/me"}) {
      String answer = send("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n");
      assertThat(statusOf(answer)).as(answer).isEqualTo(400);
      assertThat(bodyOf(answer))
          .as(answer)
          .contains("\"class\":\"Client::BadRequest\"")
          .contains("\"errorCode\":\"BAD_REQUEST\"")
          .contains("\"httpCode\":\"400 Bad Request\"");
      assertThat(header(answer, "x-ovh-queryid")).as(answer).startsWith("HO-");
    }
  }

  @Test
  void tomcatsOwnRefusalsOnApiPathsAreInTheApiErrorShape() throws IOException {
    String answer =
        send(
            "POST /1.0/auth/credential HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                + "\r\nzz\r\n");
    assertThat(statusOf(answer)).as(answer).isEqualTo(400);
    assertThat(bodyOf(answer)).as(answer).contains("\"errorCode\":");
  }

  @Test
  void panelErrorsStayPages() throws IOException {
    String answer = send("GET /account/%2e%2e/login HTTP/1.1\r\nHost: localhost\r\n");
    assertThat(statusOf(answer)).as(answer).isEqualTo(400);
    assertThat(bodyOf(answer)).doesNotContain("\"errorCode\"");
  }

  @Test
  void behindATlsProxyRedirectsStayOnHttpsAndHstsIsSent() throws IOException {
    String proxied =
        "Host: handover.example\r\nX-Forwarded-Proto: https\r\nX-Forwarded-For: 203.0.113.9\r\n";
    String redirect = send("GET /account/profile HTTP/1.1\r\n" + proxied);
    assertThat(statusOf(redirect)).as(redirect).isEqualTo(302);
    assertThat(header(redirect, "location")).isEqualTo("https://handover.example/login");
    assertThat(header(redirect, "strict-transport-security")).contains("max-age=");

    String login = send("GET /login HTTP/1.1\r\n" + proxied);
    assertThat(statusOf(login)).as(login).isEqualTo(200);
    assertThat(header(login, "strict-transport-security")).contains("max-age=");
    assertThat(header(login, "referrer-policy")).isEqualTo("same-origin");

    String plain = send("GET /login HTTP/1.1\r\nHost: localhost\r\n");
    assertThat(header(plain, "strict-transport-security")).as("no HSTS over plain http").isNull();
    assertThat(header(plain, "referrer-policy")).isEqualTo("same-origin");
  }

  private String send(String head) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      String request = head.contains("\r\n\r\n") ? head : head + "Connection: close\r\n\r\n";
      if (head.contains("\r\n\r\n")) {
        request = head.replaceFirst("\r\n\r\n", "\r\nConnection: close\r\n\r\n");
      }
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static int statusOf(String answer) {
    return Integer.parseInt(answer.substring(9, 12));
  }

  private static String bodyOf(String answer) {
    int end = answer.indexOf("\r\n\r\n");
    return end < 0 ? "" : answer.substring(end + 4);
  }

  private static String header(String answer, String name) {
    int end = answer.indexOf("\r\n\r\n");
    for (String line : answer.substring(0, end < 0 ? answer.length() : end).split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).toLowerCase(Locale.ROOT).equals(name)) {
        return line.substring(colon + 1).strip();
      }
    }
    return null;
  }
}
