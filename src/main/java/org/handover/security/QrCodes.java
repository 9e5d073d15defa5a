package org.handover.security;

import io.nayuki.qrcodegen.QrCode;
import org.springframework.web.util.HtmlUtils;

/** QR codes drawn on the server as inline SVG (one path of dark modules, a quiet zone of four). */
public final class QrCodes {

  private static final int BORDER = 4;

  private QrCodes() {}

  /** An SVG image of {@code text} as a QR code, with a title for screen readers. */
  public static String svg(String text, String title) {
    QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
    int size = qr.size + BORDER * 2;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < qr.size; y++) {
      for (int x = 0; x < qr.size; x++) {
        if (qr.getModule(x, y)) {
          path.append('M').append(x + BORDER).append(',').append(y + BORDER).append("h1v1h-1z");
        }
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
        + size
        + " "
        + size
        + "\" role=\"img\" shape-rendering=\"crispEdges\"><title>"
        + HtmlUtils.htmlEscape(title)
        + "</title><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\""
        + path
        + "\" fill=\"#000\"/></svg>";
  }

  /** A key in groups of four characters, easier to read and type. */
  public static String grouped(String key) {
    return key.replaceAll("(.{4})(?!$)", "$1 ");
  }
}
