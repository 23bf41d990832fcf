package io.shopsense.bench;

import io.shopsense.core.model.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded synthetic catalog of English and Chinese product titles and descriptions, and matching
 * shopper queries, for the search benchmark (until the project's generator provides one). Titles
 * are built from per-category nouns, brands, adjectives and colours, so queries hit real words and
 * real categories.
 */
final class SyntheticCatalog {
  private record Kind(String category, String[] nounsEn, String[] nounsZh, String[] brands) {}

  private static final Kind[] KINDS = {
      new Kind("Shoes>Running", new String[] {"running shoes", "road trainers", "trail running shoe", "racing flats"},
          new String[] {"跑步鞋", "运动鞋", "越野跑鞋", "竞速跑鞋"}, new String[] {"Nike", "Asics", "Salomon", "李宁"}),
      new Kind("Shoes>Casual", new String[] {"canvas sneakers", "slip-on loafers", "leather boots"},
          new String[] {"帆布鞋", "休闲鞋", "马丁靴"}, new String[] {"Vans", "Clarks", "回力"}),
      new Kind("Clothing>Tops", new String[] {"cotton t-shirt", "polo shirt", "hooded sweatshirt", "linen shirt"},
          new String[] {"纯棉T恤", "短袖衬衫", "连帽卫衣", "针织衫"}, new String[] {"Uniqlo", "Levi's", "优衣库", "海澜之家"}),
      new Kind("Clothing>Jackets", new String[] {"down jacket", "rain jacket", "fleece jacket"},
          new String[] {"羽绒服", "冲锋衣", "抓绒外套"}, new String[] {"Patagonia", "The North Face", "波司登"}),
      new Kind("Electronics>Audio", new String[] {"wireless headphones", "bluetooth speaker", "earbuds", "soundbar"},
          new String[] {"蓝牙耳机", "降噪耳机", "蓝牙音箱", "回音壁"}, new String[] {"Sony", "JBL", "Bose", "漫步者"}),
      new Kind("Electronics>Phones", new String[] {"smartphone", "phone case", "usb-c charger"},
          new String[] {"智能手机", "手机壳", "快充充电器"}, new String[] {"Apple", "Samsung", "小米", "华为"}),
      new Kind("Electronics>Computers", new String[] {"laptop", "mechanical keyboard", "wireless mouse", "monitor"},
          new String[] {"笔记本电脑", "机械键盘", "无线鼠标", "显示器"}, new String[] {"Lenovo", "Dell", "Logitech", "联想"}),
      new Kind("Kitchen>Coffee", new String[] {"espresso machine", "coffee maker", "coffee grinder", "milk frother"},
          new String[] {"咖啡机", "意式咖啡机", "磨豆机", "奶泡机"}, new String[] {"DeLonghi", "Breville", "德龙", "小熊"}),
      new Kind("Kitchen>Cookware", new String[] {"frying pan", "stock pot", "cast iron skillet", "wok"},
          new String[] {"不粘锅", "汤锅", "铸铁锅", "炒锅"}, new String[] {"Tefal", "Lodge", "苏泊尔", "爱仕达"}),
      new Kind("Home>Furniture", new String[] {"fabric sofa", "office chair", "bookshelf", "coffee table"},
          new String[] {"布艺沙发", "办公椅", "书架", "茶几"}, new String[] {"Ikea", "Herman Miller", "顾家", "林氏木业"}),
      new Kind("Home>Bedding", new String[] {"duvet cover", "memory foam pillow", "weighted blanket"},
          new String[] {"四件套", "记忆枕", "蚕丝被"}, new String[] {"Brooklinen", "Tempur", "罗莱", "水星家纺"}),
      new Kind("Sports>Yoga", new String[] {"yoga mat", "yoga blocks", "resistance bands"},
          new String[] {"瑜伽垫", "瑜伽砖", "弹力带"}, new String[] {"Manduka", "Lululemon", "Keep"}),
      new Kind("Sports>Cycling", new String[] {"road bike", "bike helmet", "cycling gloves"},
          new String[] {"公路自行车", "骑行头盔", "骑行手套"}, new String[] {"Giant", "Trek", "捷安特", "喜德盛"}),
      new Kind("Beauty>Skincare", new String[] {"face moisturizer", "sunscreen", "cleansing foam"},
          new String[] {"面霜", "防晒霜", "洗面奶"}, new String[] {"Clinique", "La Roche-Posay", "自然堂", "百雀羚"}),
      new Kind("Outdoor>Camping", new String[] {"camping tent", "sleeping bag", "headlamp", "camping stove"},
          new String[] {"帐篷", "睡袋", "头灯", "户外炉具"}, new String[] {"MSR", "Coleman", "牧高笛", "探路者"}),
  };
  private static final String[] ADJ_EN = {"lightweight", "waterproof", "breathable", "portable", "durable", "compact",
      "premium", "ergonomic", "classic", "slim fit", "heavy duty", "quiet", "warm", "foldable", "non-slip"};
  private static final String[] ADJ_ZH = {"轻便", "防水", "透气", "便携", "耐用", "小巧", "高端", "人体工学", "经典", "修身",
      "加厚", "静音", "保暖", "折叠", "防滑"};
  private static final String[] WHO_ZH = {"男士", "女士", "儿童", "情侣", "家用"};
  private static final String[] COLOR_EN = {"black", "white", "navy", "grey", "red", "green", "beige"};
  private static final String[] COLOR_ZH = {"黑色", "白色", "藏青", "灰色", "红色", "绿色", "米色"};
  private static final String[] FEATURE_EN = {"Made for everyday use.", "Easy to clean and store.",
      "Backed by a two year warranty.", "Designed for comfort on long days.", "Ships in recyclable packaging.",
      "Rated highly by customers for value.", "Tested for durability in the lab."};
  private static final String[] FEATURE_ZH = {"适合日常使用。", "易清洁易收纳。", "两年质保。", "长时间使用也舒适。", "环保包装发货。",
      "高性价比好评如潮。", "实验室耐久测试。"};

  private SyntheticCatalog() {}

  /** {@code n} items, a {@code zhShare} fraction of them Chinese. */
  static List<Item> items(int n, double zhShare, long seed) {
    Random r = new Random(seed);
    List<Item> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Kind k = KINDS[r.nextInt(KINDS.length)];
      boolean zh = r.nextDouble() < zhShare;
      String brand = pick(r, k.brands());
      int c = r.nextInt(COLOR_EN.length);
      String title;
      String desc;
      if (zh) {
        title = brand + " " + pick(r, WHO_ZH) + pick(r, k.nounsZh()) + " " + pick(r, ADJ_ZH) + " " + pick(r, ADJ_ZH) + " "
            + COLOR_ZH[c] + " " + (2020 + r.nextInt(6)) + "新款";
        desc = pick(r, ADJ_ZH) + pick(r, ADJ_ZH) + "，" + pick(r, FEATURE_ZH) + pick(r, FEATURE_ZH);
      } else {
        String noun = pick(r, k.nounsEn());
        title = brand + " " + cap(pick(r, ADJ_EN)) + " " + pick(r, ADJ_EN) + " " + noun + ", " + COLOR_EN[c]
            + ", model " + (100 + r.nextInt(900));
        desc = "A " + pick(r, ADJ_EN) + " and " + pick(r, ADJ_EN) + " " + noun + ". " + pick(r, FEATURE_EN) + " "
            + pick(r, FEATURE_EN);
      }
      out.add(new Item("p" + i, title, desc, k.category(), brand, "shop" + r.nextInt(200),
          Math.round((5 + r.nextDouble() * 995) * 100) / 100.0, r.nextDouble() < 0.9,
          Map.of("color", zh ? COLOR_ZH[c] : COLOR_EN[c]), 1_600_000_000_000L + r.nextInt(1_000_000) * 60_000L));
    }
    return out;
  }

  /** Shopper-style queries: a noun, an adjective and noun, a brand and noun, in both languages. */
  static List<String> queries(int n, double zhShare, long seed) {
    Random r = new Random(seed);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Kind k = KINDS[r.nextInt(KINDS.length)];
      boolean zh = r.nextDouble() < zhShare;
      String noun = zh ? pick(r, k.nounsZh()) : pick(r, k.nounsEn());
      out.add(switch (r.nextInt(4)) {
        case 0 -> noun;
        case 1 -> (zh ? pick(r, ADJ_ZH) : pick(r, ADJ_EN)) + " " + noun;
        case 2 -> pick(r, k.brands()) + " " + noun;
        default -> (zh ? pick(r, WHO_ZH) + noun : (zh ? "" : pick(r, COLOR_EN) + " ") + noun);
      });
    }
    return out;
  }

  private static String pick(Random r, String[] a) {
    return a[r.nextInt(a.length)];
  }

  private static String cap(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
