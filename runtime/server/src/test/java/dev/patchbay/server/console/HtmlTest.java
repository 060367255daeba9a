package dev.patchbay.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HtmlTest {

  @Test
  void escapesEverythingThatCouldOpenMarkupOrLeaveAnAttribute() {
    assertEquals("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;",
        Html.escape("<script>alert('x')</script> & \"q\""));
    assertEquals("", Html.escape(null));
    assertEquals("42", Html.escape(42));
  }

  @Test
  void pagesEscapeTheirTitleAndLoadNothingFromOutside() {
    String page = Html.page("<b>", "token", "body");
    assertTrue(page.contains("<title>&lt;b&gt; · Patchbay</title>"));
    assertFalse(page.contains("http://") || page.contains("https://"), page);
    assertTrue(page.contains("name=\"csrf\" value=\"token\""), "the sign-out form carries the CSRF token");
  }
}
