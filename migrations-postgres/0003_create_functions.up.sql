-- 0003_create_functions (up, PostgreSQL + PostGIS)
-- calculate_distance_km(lat1, lon1, lat2, lon2): the length in kilometres of the shortest path
-- between two positions (degrees) on the WGS84 ellipsoid, measured by PostGIS on geography
-- (ST_Distance with use_spheroid, GeographicLib underneath). Meridian's SQLite driver registers
-- the same function, and the two agree to within a millimetre. NULL in, NULL out; a latitude
-- outside ±90, a longitude outside ±180 or NaN raises invalid_parameter_value naming the argument
-- (its value in the DETAIL), as PostGIS would otherwise wrap a latitude of 95 to 85 without a word.

CREATE FUNCTION "calculate_distance_km"(
    "lat1" double precision, "lon1" double precision, "lat2" double precision, "lon2" double precision
) RETURNS double precision LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    argument_names constant text[] := ARRAY['lat1', 'lon1', 'lat2', 'lon2'];
    argument_values constant double precision[] := ARRAY["lat1", "lon1", "lat2", "lon2"];
    limits constant double precision[] := ARRAY[90, 180, 90, 180];
BEGIN
    FOR i IN 1..4 LOOP
        -- NaN sorts above every number in PostgreSQL, so it fails this test too.
        IF NOT (argument_values[i] BETWEEN -limits[i] AND limits[i]) THEN
            RAISE EXCEPTION 'calculate_distance_km: % is outside -%…% (the arguments are lat1, lon1, lat2, lon2 in degrees)',
                argument_names[i], limits[i], limits[i]
                USING ERRCODE = 'invalid_parameter_value', DETAIL = format('%s = %s', argument_names[i], argument_values[i]);
        END IF;
    END LOOP;
    RETURN ST_Distance(
        ST_SetSRID(ST_MakePoint("lon1", "lat1"), 4326)::geography,
        ST_SetSRID(ST_MakePoint("lon2", "lat2"), 4326)::geography,
        true) / 1000;
END;
$$;
