package org.handover.support;

import com.microsoft.playwright.Page;

/**
 * The words of a page's text that run over two lines, as {@code word-break: break-all} cuts them:
 * letters only, and not part of an address, a code or a customer ID (those may break anywhere).
 */
public final class WordsCut {

  private static final String SCRIPT =
      "(() => { const cut = []; const walk = document.createTreeWalker(document.body,"
          + " NodeFilter.SHOW_TEXT); let node;"
          + " while ((node = walk.nextNode())) {"
          + "  const el = node.parentElement;"
          + "  if (!el || el.closest('script, style, code, pre, [hidden]')) continue;"
          + "  const words = /(?<![\\p{L}\\p{N}@.\\-_/])\\p{L}{2,}(?![\\p{L}\\p{N}@.\\-_/])/gu; let m;"
          + "  while ((m = words.exec(node.data))) {"
          + "   const r = document.createRange(); r.setStart(node, m.index);"
          + "   r.setEnd(node, m.index + m[0].length);"
          + "   const tops = Array.from(r.getClientRects()).filter(x => x.width > 0)"
          + "     .map(x => x.top).sort((a, b) => a - b);"
          + "   if (tops.length > 1 && tops[tops.length - 1] - tops[0] > 4) cut.push(m[0]); } }"
          + " return cut.slice(0, 5).join(', '); })()";

  private WordsCut() {}

  /** The first few words cut in two on this page, joined by commas; empty when none is. */
  public static String on(Page page) {
    return (String) page.evaluate(SCRIPT);
  }
}
