package org.handover.apiauth;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.handover.apiauth.ApiErrors.ApiException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * What Spring MVC and the container refuse on an API path (a parameter missing or of the wrong
 * type, a body that is not JSON or whose field has the wrong kind of value, an unknown field, a
 * method, content type or path the API does not have), as the API's refusals: a message key naming
 * the field and what it takes, never the framework's English text. The status is the one the API
 * has always answered for each.
 */
public final class RequestRefusals {

  private RequestRefusals() {}

  /** The refusal for a framework exception, if it is one of those above. */
  public static Optional<ApiException> of(Throwable e, HttpServletRequest request) {
    ApiException refusal = null;
    if (e instanceof MissingServletRequestParameterException m) {
      refusal = bad("api.error.parameter.missing", m.getParameterName());
    } else if (e instanceof MethodArgumentTypeMismatchException t) {
      refusal = value(t.getName(), t.getRequiredType());
    } else if (e instanceof HttpMessageNotReadableException r) {
      refusal = body(r);
    } else if (e instanceof HttpMediaTypeNotSupportedException s) {
      refusal =
          bad(
              "api.error.contentType",
              s.getContentType() == null
                  ? "—"
                  : s.getContentType().getType() + "/" + s.getContentType().getSubtype(),
              accepted(s.getSupportedMediaTypes()));
    } else if (e instanceof HttpMediaTypeNotAcceptableException) {
      refusal =
          ApiErrors.of(
              HttpStatus.NOT_ACCEPTABLE,
              null,
              "api.error.notAcceptable",
              MediaType.APPLICATION_JSON_VALUE);
    } else if (e instanceof HttpRequestMethodNotSupportedException m) {
      String[] allowed = m.getSupportedMethods();
      refusal =
          ApiErrors.of(
              HttpStatus.METHOD_NOT_ALLOWED,
              null,
              "api.error.method",
              m.getMethod(),
              path(request),
              allowed == null ? "—" : String.join(", ", allowed));
    } else if (e instanceof NoHandlerFoundException n) {
      refusal = noSuchCall(n.getHttpMethod(), shortened(n.getRequestURL()));
    } else if (e instanceof NoResourceFoundException) {
      refusal = noSuchCall(request);
    }
    return Optional.ofNullable(refusal);
  }

  /** JSON when the call reads it (whatever else a converter could), else what the call takes. */
  private static String accepted(List<MediaType> supported) {
    return supported.isEmpty() || supported.contains(MediaType.APPLICATION_JSON)
        ? MediaType.APPLICATION_JSON_VALUE
        : supported.stream().map(MediaType::toString).collect(Collectors.joining(", "));
  }

  /** The refusal for a status the container answered without an exception the API knows. */
  public static ApiException ofStatus(HttpStatus status, HttpServletRequest request) {
    if (status == HttpStatus.BAD_REQUEST) {
      return bad("api.error.malformedRequest");
    }
    if (status == HttpStatus.NOT_FOUND) {
      return noSuchCall(request);
    }
    if (status == HttpStatus.PAYLOAD_TOO_LARGE) {
      return ApiErrors.of(status, null, "api.error.tooLarge");
    }
    return ApiErrors.of(
        status,
        null,
        status.is5xxServerError() ? "api.error.server" : "api.error.refused",
        status.value());
  }

  private static ApiException noSuchCall(HttpServletRequest request) {
    return noSuchCall(request.getMethod(), path(request));
  }

  private static ApiException noSuchCall(String method, String path) {
    return ApiErrors.of(HttpStatus.NOT_FOUND, null, "api.error.noSuchCall", method, path);
  }

  /** The path asked for, also from the container's error dispatch. */
  private static String path(HttpServletRequest request) {
    Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String uri = original == null ? request.getRequestURI() : original.toString();
    return shortened(uri.substring(Math.min(uri.length(), request.getContextPath().length())));
  }

  private static String shortened(String path) {
    return path.length() > 200 ? path.substring(0, 200) + "…" : path;
  }

  private static ApiException body(HttpMessageNotReadableException e) {
    JacksonException json = jackson(e);
    if (json == null) {
      return bad(e.getCause() == null ? "api.error.body.missing" : "api.error.body.malformed");
    }
    String field = field(json);
    if (json instanceof UnrecognizedPropertyException unknown) {
      return bad("api.error.body.unknownField", unknown.getPropertyName(), known(unknown));
    }
    if (json instanceof InputCoercionException coercion && !field.isEmpty()) {
      return value(field, coercion.getTargetType());
    }
    if (json instanceof MismatchedInputException mismatch
        && !field.isEmpty()
        && mismatch.getTargetType() != null) {
      return value(field, mismatch.getTargetType());
    }
    if (json instanceof StreamReadException || field.isEmpty()) {
      return bad("api.error.body.malformed");
    }
    return bad("api.error.value.other", field);
  }

  private static JacksonException jackson(Throwable e) {
    for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof JacksonException json) {
        return json;
      }
    }
    return NestedExceptionUtils.getMostSpecificCause(e) instanceof JacksonException json
        ? json
        : null;
  }

  /** The field at fault as the body names it: {@code services[0].type}. */
  private static String field(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference step : e.getPath()) {
      if (step.getPropertyName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(step.getPropertyName());
      } else if (step.getIndex() >= 0) {
        path.append('[').append(step.getIndex()).append(']');
      }
    }
    return shortened(path.toString());
  }

  private static String known(UnrecognizedPropertyException e) {
    Collection<Object> ids = e.getKnownPropertyIds();
    return ids == null
        ? ""
        : ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
  }

  private static final Map<Class<?>, long[]> INTEGERS =
      Map.of(
          Long.class, new long[] {Long.MIN_VALUE, Long.MAX_VALUE},
          long.class, new long[] {Long.MIN_VALUE, Long.MAX_VALUE},
          Integer.class, new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE},
          int.class, new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE},
          Short.class, new long[] {Short.MIN_VALUE, Short.MAX_VALUE},
          short.class, new long[] {Short.MIN_VALUE, Short.MAX_VALUE});

  private static final Set<Class<?>> DECIMALS =
      Set.of(
          Double.class, double.class, Float.class, float.class, BigDecimal.class, BigInteger.class);

  /** A value of the wrong kind: the field, and what it takes. */
  private static ApiException value(String field, Class<?> type) {
    if (type == null) {
      return bad("api.error.value.other", field);
    }
    long[] range = INTEGERS.get(type);
    if (range != null) {
      return bad("api.error.value.integer", field, range[0], range[1]);
    }
    if (DECIMALS.contains(type)) {
      return bad("api.error.value.decimal", field);
    }
    if (type == Boolean.class || type == boolean.class) {
      return bad("api.error.value.boolean", field);
    }
    if (CharSequence.class.isAssignableFrom(type)) {
      return bad("api.error.value.text", field);
    }
    if (type.isEnum()) {
      return bad(
          "api.error.value.oneOf",
          field,
          Arrays.stream(type.getEnumConstants())
              .map(String::valueOf)
              .collect(Collectors.joining(", ")));
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return bad("api.error.value.list", field);
    }
    return bad("api.error.value.object", field);
  }

  private static ApiException bad(String key, Object... args) {
    return ApiErrors.of(HttpStatus.BAD_REQUEST, null, key, args);
  }
}
