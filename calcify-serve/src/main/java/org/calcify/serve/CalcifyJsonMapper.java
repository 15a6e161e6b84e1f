package org.calcify.serve;

import io.javalin.json.JsonMapper;
import java.lang.reflect.Type;
import org.calcify.io.text.JsonFiles;

/** Javalin's JSON through Calcify's one Jackson mapper (records, the NaN policy), as the command line writes it. */
final class CalcifyJsonMapper implements JsonMapper {
    @Override
    public String toJsonString(Object obj, Type type) {
        return JsonFiles.mapper().writeValueAsString(obj);
    }

    @Override
    public <T> T fromJsonString(String json, Type targetType) {
        return JsonFiles.mapper().readValue(json, JsonFiles.mapper().constructType(targetType));
    }
}
