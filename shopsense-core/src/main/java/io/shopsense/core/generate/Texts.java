package io.shopsense.core.generate;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Item titles, descriptions and review texts in English and Chinese, in the style of marketplace
 * listings: {@code Nike Men's Running Shoes Lightweight Breathable Black} and
 * {@code 李宁 男士跑步鞋 轻便透气 黑色}. Only taxonomy words are used, so the synonym queries of the
 * taxonomy never occur in catalog text.
 */
final class Texts {
  private Texts() {}

  /** Brand, audience, noun, two styles and the title attribute (colour, roast, flavour...). */
  static String title(int lang, Word brand, Word audience, Word noun, Word style1, Word style2, Word titleValue) {
    if (lang == Word.ZH) {
      return brand.zh() + " " + (audience == null ? "" : audience.zh()) + noun.zh() + " " + style1.zh() + style2.zh()
          + " " + titleValue.zh();
    }
    return brand.en() + " " + (audience == null ? "" : audience.en() + " ") + noun.en() + " " + style1.en() + " "
        + style2.en() + " " + capitalize(titleValue.en());
  }

  /** Styles, brand, every attribute with its label, and a use. */
  static String description(int lang, Taxonomy tax, Taxonomy.Category cat, Word brand, Word style1, Word style2,
      Word[] values, Word use) {
    List<Taxonomy.Attribute> attrs = cat.attributes();
    StringBuilder sb = new StringBuilder(160);
    if (lang == Word.ZH) {
      sb.append(brand.zh()).append(cat.noun().zh()).append('，').append(style1.zh()).append(style2.zh()).append('。');
      for (int a = 0; a < attrs.size(); a++) {
        sb.append(a == 0 ? "" : "；").append(tax.attributeLabels.get(attrs.get(a).name()).zh()).append('：').append(values[a].zh());
      }
      return sb.append("。适合").append(use.zh()).append('。').toString();
    }
    sb.append(style1.en()).append(" and ").append(style2.en().toLowerCase(Locale.ROOT)).append(' ')
        .append(cat.noun().en().toLowerCase(Locale.ROOT)).append(" from ").append(brand.en()).append('.');
    for (int a = 0; a < attrs.size(); a++) {
      sb.append(' ').append(tax.attributeLabels.get(attrs.get(a).name()).en()).append(": ").append(values[a].en()).append('.');
    }
    return sb.append(" Ideal for ").append(use.en()).append('.').toString();
  }

  private static final String[][] REVIEW_EN = {
    {"Disappointed, I returned the %s.", "Poor quality %s, would not buy again."},
    {"Not great, the %s felt cheap.", "The %s is below what I expected."},
    {"The %s is okay for the price.", "Average %s, does the job."},
    {"Good %s, %s as described.", "Nice %s, %s and arrived quickly."},
    {"Love this %s! %s and well made.", "Excellent %s, %s. Will buy again."},
  };
  private static final String[][] REVIEW_ZH = {
    {"很失望，%s已退货。", "%s质量差，不会再买。"},
    {"%s质量一般，有点失望。", "%s和预期有差距。"},
    {"%s一般，价格还行。", "%s中规中矩，能用。"},
    {"%s不错，%s，和描述一致。", "%s挺好，%s，发货很快。"},
    {"非常喜欢这款%s，%s，做工很好！", "%s很棒，%s，会回购。"},
  };

  /** A review whose tone follows the rating (1-5). */
  static String review(SplittableRandom r, int lang, Word noun, Word style, int rating) {
    String[] options = (lang == Word.ZH ? REVIEW_ZH : REVIEW_EN)[rating - 1];
    String template = options[r.nextInt(options.length)];
    String n = lang == Word.ZH ? noun.zh() : noun.en().toLowerCase(Locale.ROOT);
    String s = lang == Word.ZH ? style.zh() : style.en().toLowerCase(Locale.ROOT);
    if (rating == 5 && lang == Word.EN) s = style.en();
    return rating >= 4 ? String.format(Locale.ROOT, template, n, s) : String.format(Locale.ROOT, template, n);
  }

  /** {@code dark roast} -> {@code Dark Roast}; digits and mixed case such as {@code 10000mAh} stay. */
  static String capitalize(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean start = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(start ? Character.toUpperCase(c) : c);
      start = c == ' ';
    }
    return sb.toString();
  }
}
