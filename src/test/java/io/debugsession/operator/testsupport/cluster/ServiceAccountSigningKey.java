package io.debugsession.operator.testsupport.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The RSA key pair kube-apiserver signs and checks service-account tokens with, as PEM files. */
record ServiceAccountSigningKey(Path privateKey, Path publicKey) {

  static ServiceAccountSigningKey generate(Path directory) throws IOException {
    KeyPair pair;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      pair = generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    ServiceAccountSigningKey key = new ServiceAccountSigningKey(directory.resolve("sa.key"),
        directory.resolve("sa.pub"));
    // PKCS#8 and X.509 SubjectPublicKeyInfo: the encodings Java gives, and both are what kube-apiserver reads.
    Files.writeString(key.privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    Files.writeString(key.publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    return key;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
