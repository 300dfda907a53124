package com.aap.api;

import com.aap.api.testing.TestDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/** Every row of every table as text, for checking that a secret is stored nowhere in plain text. */
final class TestDatabaseDump {

  private TestDatabaseDump() {
  }

  static String allText() throws Exception {
    StringBuilder text = new StringBuilder();
    try (Connection conn = TestDatabase.connect(); Statement st = conn.createStatement()) {
      try (ResultSet tables = conn.createStatement().executeQuery(
          "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
        while (tables.next()) {
          try (ResultSet rows = st.executeQuery("SELECT t::text FROM \"" + tables.getString(1) + "\" t")) {
            while (rows.next()) text.append(rows.getString(1)).append('\n');
          }
        }
      }
    }
    return text.toString();
  }
}
