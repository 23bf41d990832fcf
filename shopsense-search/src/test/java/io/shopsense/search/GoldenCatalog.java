package io.shopsense.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.core.model.Item;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The hand-written 19-item catalog (12 English, 7 Chinese) of the golden tests. */
public final class GoldenCatalog {
  private GoldenCatalog() {}

  public static List<Item> items() {
    ObjectMapper om = new ObjectMapper();
    List<Item> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        GoldenCatalog.class.getClassLoader().getResourceAsStream("golden-catalog.jsonl"), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank()) continue;
        JsonNode n = om.readTree(line);
        Map<String, String> attrs = new LinkedHashMap<>();
        n.get("attributes").properties().forEach(e -> attrs.put(e.getKey(), e.getValue().asText()));
        out.add(new Item(n.get("id").asText(), n.get("title").asText(), n.get("description").asText(),
            n.get("category").asText(), n.get("brand").asText(), n.get("shop").asText(), n.get("price").asDouble(),
            n.get("in_stock").asBoolean(), attrs, n.get("created").asLong()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
