package io.debugsession.operator.policy;

import static io.debugsession.operator.policy.PolicyFixtures.SHA256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class ImagePatternTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      busybox                         | docker.io/library/busybox
      library/busybox                 | docker.io/library/busybox
      docker.io/busybox               | docker.io/library/busybox
      index.docker.io/library/busybox | docker.io/library/busybox
      acme/*                          | docker.io/acme/*
      *                               | docker.io/library/*
      */tools                         | docker.io/*/tools
      docker.io/**                    | docker.io/**
      **                              | docker.io/**
      registry.example.com/debug/*    | registry.example.com/debug/*
      ghcr.io/acme/**                 | ghcr.io/acme/**
      *.example.com/**                | *.example.com/**
      localhost:5000/x                | localhost:5000/x
      """)
  void normalisesLikeAnImageReference(String pattern, String normalised) {
    // Act
    ImagePattern parsed = ImagePattern.parse(pattern);

    // Assert
    assertThat(parsed).hasToString(normalised);
  }

  @ParameterizedTest(name = "{0} ~ {1}: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      docker.io/library/busybox       | busybox:1.37                               | true
      busybox                         | docker.io/library/busybox@SHA              | true
      busybox                         | index.docker.io/library/busybox:1          | true
      busybox                         | busybox-extras                             | false
      busybox                         | localhost:5000/library/busybox             | false
      docker.io/library/busybox       | alpine:3.20                                | false
      registry.example.com/debug/*    | registry.example.com/debug/shell:1         | true
      registry.example.com/debug/*    | registry.example.com/debug/team/shell      | false
      registry.example.com/debug/*    | registry.example.com/debugger/shell        | false
      registry.example.com/debug/*    | registry.example.com:5000/debug/shell      | false
      registry.example.com/debug/*    | registryXexample.com/debug/shell           | false
      registry.example.com/debug/sh*  | registry.example.com/debug/shell           | true
      registry.example.com/debug/sh*  | registry.example.com/debug/bash            | false
      ghcr.io/acme/**                 | ghcr.io/acme/tool                          | true
      ghcr.io/acme/**                 | ghcr.io/acme/team/tool:v1                  | true
      ghcr.io/acme/**                 | ghcr.io/acme                               | false
      ghcr.io/acme/**                 | ghcr.io/acmecorp/tool                      | false
      ghcr.io/acme/**                 | ghcr.io.evil.example/acme/tool             | false
      ghcr.io/**/debug                | ghcr.io/a/b/debug                          | true
      ghcr.io/*/debug                 | ghcr.io/a/b/debug                          | false
      *.example.com/**                | registry.example.com/x/y                   | true
      *.example.com/**                | example.com/x                              | false
      docker.io/**                    | alpine                                     | true
      docker.io/**                    | ghcr.io/acme/tool                          | false
      acme/*                          | acme/tool                                  | true
      acme/*                          | ghcr.io/acme/tool                          | false
      localhost:5000/x                | localhost:5000/x:dev                       | true
      """)
  void matchesRegistryAndRepository(String pattern, String image, boolean matches) {
    // Arrange
    ImagePattern parsed = ImagePattern.parse(pattern);

    // Act
    boolean matched = parsed.matches(ImageReference.parse(image.replace("SHA", SHA256)));

    // Assert
    assertThat(matched).isEqualTo(matches);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      busybox:1.37            | it names a tag; patterns match registry/repository only
      localhost:5000          | it names a tag; patterns match registry/repository only
      ghcr.io/acme/*:v1       | it names a tag; patterns match registry/repository only
      busybox@sha256:abc      | it names a digest; patterns match registry/repository only
      ghcr.io/Acme/*          | the repository must be lowercase
      reg_istry.io/x          | registry "reg_istry.io" is not a host name with an optional port
      ghcr.io/acme//tool      | repository "acme//tool" is not a '/'-separated path of lowercase letters, digits, '.', '_', '-' and '*'
      busy box                | repository "library/busy box" is not a '/'-separated path of lowercase letters, digits, '.', '_', '-' and '*'
      """)
  void reportsWhatIsNotAPattern(String pattern, String why) {
    assertThatThrownBy(() -> ImagePattern.parse(pattern))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"" + pattern + "\" is not an image pattern (" + why + ")");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @NullAndEmptySource
  void reportsAnEmptyPattern(String pattern) {
    assertThatThrownBy(() -> ImagePattern.parse(pattern))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"\" is not an image pattern (it is empty)");
  }
}
