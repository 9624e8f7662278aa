package io.govassist;

import io.govassist.system.CommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * GovAssist: {@code java -jar govassist.jar} starts the server; {@code java -jar govassist.jar ingest PATH...}
 * (and the other commands of {@link CommandLine}) run a command and exit.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GovAssistApplication {

    public static void main(String[] args) {
        if (args.length > 0 && CommandLine.isCommand(args[0])) {
            SpringApplication app = new SpringApplication(GovAssistApplication.class);
            app.setWebApplicationType(WebApplicationType.NONE);
            app.setAdditionalProfiles("cli");
            System.exit(SpringApplication.exit(app.run(args)));
        }
        SpringApplication.run(GovAssistApplication.class, args);
    }
}
