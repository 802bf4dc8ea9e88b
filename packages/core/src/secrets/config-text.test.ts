import { describe, expect, it } from "vitest";
import { scanConfigText } from "./config-text.js";
import { credentialValuesIn } from "./secret-leaves.js";

const scan = (text: string) => scanConfigText(text, credentialValuesIn);

describe("scanConfigText", () => {
  it("masks only the value and keeps the rest of the file readable", () => {
    const out = scan("log.level=debug\r\ndb.password=s3cretValue\r\nport=8080\r\n");
    expect(out?.masked).toBe("log.level=debug\r\ndb.password=***\r\nport=8080\r\n");
    expect(out?.secrets).toEqual(["s3cretValue"]);
  });

  it("finds pairs inside a line, XML elements and client flags", () => {
    expect(scan("host=db user=app password=pw-libpq sslmode=require")?.masked).toBe("host=db user=app password=*** sslmode=require");
    expect(scan("-Xmx1g -Dspring.datasource.password=pw-java")?.masked).toBe("-Xmx1g -Dspring.datasource.password=***");
    expect(scan("<password>pw-xml</password>")?.masked).toBe("<password>***</password>");
    expect(scan("mysql -uroot -ppw-mysql -e 'select 1'")?.masked).toBe("mysql -uroot -p*** -e 'select 1'");
    expect(scan("redis-cli -a 'pw-redis' ping")?.secrets).toEqual(["pw-redis"]);
    expect(scan("curl -u admin:pw-curl https://x")?.secrets).toEqual(["admin:pw-curl"]);
  });

  it("walks YAML text for values laid out over lines", () => {
    const out = scan("db:\n  password: |\n    pw-block\n");
    expect(out?.secrets).toContain("pw-block");
    expect(out?.masked).not.toContain("pw-block");
  });

  it("leaves switches, numbers, references and file paths alone", () => {
    expect(scan("auth=true\npassword=${DB_PASSWORD}\nssl_certificate_key /etc/ssl/tls.key;\ntoken_ttl=3600")).toBeUndefined();
    expect(scan("log.level debug\nport: 8080")).toBeUndefined();
  });
});
