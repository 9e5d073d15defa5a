package org.handover.system.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What one request may make the server hold in memory, so that no request takes the others down. A
 * body read whole (JSON, text) has at most {@code handover.web.max-body-bytes} (2 MB, as forms have
 * by Tomcat's {@code max-http-form-post-size}): a larger one is refused with 413 by its
 * Content-Length before it is read, or fails as it passes the limit while being read (no length
 * given), which answers 400. Uploads ({@code multipart/*}) go to disk under the part limits ({@code
 * spring.servlet.multipart.*}) and are read as streams by what takes them. Should a request still
 * run out of heap, the error ends that request alone (503), before it reaches the container's
 * threads: its allocations are garbage once it unwinds.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestLimits extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(RequestLimits.class);

  private final WebLimits limits;

  RequestLimits(WebLimits limits) {
    this.limits = limits;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String type = request.getContentType();
    boolean upload = type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    long max = limits.maxBodyBytes();
    if (!upload && request.getContentLengthLong() > max) {
      response.sendError(
          HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
          "The request body is larger than " + max + " bytes");
      return;
    }
    try {
      chain.doFilter(upload ? request : new Bounded(request, max), response);
    } catch (OutOfMemoryError exhausted) {
      ended(request, response);
    } catch (ServletException | RuntimeException failed) {
      if (!(failed.getCause() instanceof OutOfMemoryError)) {
        throw failed;
      }
      ended(request, response); // as the dispatcher wraps what a controller throws
    }
  }

  private static void ended(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    LOG.error("A request ran out of memory and was ended: {}", request.getRequestURI());
    if (!response.isCommitted()) {
      response.reset();
      response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    }
  }

  /** The request whose body stops with an error past the limit. */
  private static final class Bounded extends HttpServletRequestWrapper {
    private final long max;
    private ServletInputStream stream;

    Bounded(HttpServletRequest request, long max) {
      super(request);
      this.max = max;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream =
            new ServletInputStream() {
              private long read;

              @Override
              public int read() throws IOException {
                int b = in.read();
                count(b < 0 ? 0 : 1);
                return b;
              }

              @Override
              public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                count(Math.max(n, 0));
                return n;
              }

              private void count(int n) throws IOException {
                read += n;
                if (read > max) {
                  throw new IOException("The request body is larger than " + max + " bytes");
                }
              }

              @Override
              public boolean isFinished() {
                return in.isFinished();
              }

              @Override
              public boolean isReady() {
                return in.isReady();
              }

              @Override
              public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
              }
            };
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
  }
}
