package io.ocatopic.kmm.sign;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Where a signing key lives on a PKCS#11 token (an HSM, a smart card, SoftHSM): the module library,
 * which slot, which key and the user PIN. The private key never leaves the token.
 *
 * <p>The JDK's SunPKCS11 provider, which does the signing, lists a private key only when a
 * certificate object with the same {@code CKA_ID} is on the token; the certificate found there is
 * the one the signature names. SunPKCS11 selects tokens by slot id or slot list index, not by token
 * label: when neither is given every slot is tried in order and the first one where the PIN logs
 * in and that holds the key is used.
 *
 * <pre>{@code
 * Pkcs11Token token = Pkcs11Token.of(Path.of("/usr/lib/softhsm/libsofthsm2.so"), Passphrase.of(pin))
 *         .withSlot(slotId).withKeyLabel("modsign");
 * SigningKeys keys = SigningKeys.fromPkcs11(token);
 * }</pre>
 *
 * @param library        the PKCS#11 module (shared library)
 * @param slot           the slot id, if known
 * @param slotListIndex  the index in the slot list, if known
 * @param keyLabel       the label of the key and certificate objects (the KeyStore alias), or
 *                       empty for the first key entry on the token
 * @param pin            the user PIN
 */
public record Pkcs11Token(Path library, OptionalLong slot, OptionalInt slotListIndex,
                          Optional<String> keyLabel, Passphrase pin) {
    /**
     * Validates the parts.
     *
     * @param library see the record component
     * @param slot see the record component
     * @param slotListIndex see the record component
     * @param keyLabel see the record component
     * @param pin see the record component
     */
    public Pkcs11Token {
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(slotListIndex, "slotListIndex");
        Objects.requireNonNull(keyLabel, "keyLabel");
        Objects.requireNonNull(pin, "pin");
    }

    /**
     * A token reached through a PKCS#11 library, any slot, first key.
     *
     * @param library the PKCS#11 module
     * @param pin     the user PIN
     * @return the token description
     */
    public static Pkcs11Token of(Path library, Passphrase pin) {
        return new Pkcs11Token(library, OptionalLong.empty(), OptionalInt.empty(), Optional.empty(), pin);
    }

    /**
     * @param slotId the PKCS#11 slot id
     * @return a copy using that slot
     */
    public Pkcs11Token withSlot(long slotId) {
        return new Pkcs11Token(library, OptionalLong.of(slotId), OptionalInt.empty(), keyLabel, pin);
    }

    /**
     * @param index the index in the library's slot list
     * @return a copy using that slot index
     */
    public Pkcs11Token withSlotListIndex(int index) {
        return new Pkcs11Token(library, OptionalLong.empty(), OptionalInt.of(index), keyLabel, pin);
    }

    /**
     * @param label the label ({@code CKA_LABEL}) of the key's certificate object
     * @return a copy selecting that key
     */
    public Pkcs11Token withKeyLabel(String label) {
        return new Pkcs11Token(library, slot, slotListIndex, Optional.of(label), pin);
    }

    /** @return a description without the PIN */
    @Override
    public String toString() {
        return "Pkcs11Token[library=" + library + ", slot=" + slot + ", slotListIndex=" + slotListIndex
                + ", keyLabel=" + keyLabel + ", pin=redacted]";
    }
}
