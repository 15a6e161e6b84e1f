package org.calcify.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BalancedSamplerTest {
    /** label, lesion, voxel number */
    private record Item(int label, int lesion, int voxel) {
    }

    /** One lesion of 1,000 voxels and twenty of 5 in the same class: every lesion gets its share. */
    @Test
    void groupsShareTheQuotaEvenly() {
        List<Item> items = new ArrayList<>();
        for (int v = 0; v < 1000; v++) {
            items.add(new Item(2, 0, v));
        }
        for (int l = 1; l <= 20; l++) {
            for (int v = 0; v < 5; v++) {
                items.add(new Item(2, l, v));
            }
        }
        for (int v = 0; v < 30; v++) {
            items.add(new Item(0, 99, v));
        }
        List<Item> s = BalancedSampler.sample(items, Item::label, Item::lesion, 63, 5);
        Map<Integer, Long> perLesion = s.stream().filter(i -> i.label() == 2).collect(Collectors.groupingBy(Item::lesion, Collectors.counting()));
        assertThat(s.stream().filter(i -> i.label() == 2)).hasSize(63);
        assertThat(s.stream().filter(i -> i.label() == 0)).hasSize(30);
        assertThat(perLesion).hasSize(21);
        // 63 = 21 lesions x 3 rounds: each lesion gives exactly 3
        assertThat(perLesion.values()).containsOnly(3L);
        // without groups the large lesion takes almost everything
        List<Item> plain = BalancedSampler.sample(items, Item::label, 63, 5);
        assertThat(plain.stream().filter(i -> i.lesion() == 0).count()).isGreaterThan(45);
        // with a quota above what small lesions hold, the large one fills the rest; same seed, same sample
        List<Item> big = BalancedSampler.sample(items, Item::label, Item::lesion, 300, 5);
        assertThat(big.stream().filter(i -> i.lesion() == 0).count()).isEqualTo(200);
        assertThat(BalancedSampler.sample(items, Item::label, Item::lesion, 300, 5)).isEqualTo(big);
        assertThat(big.stream().filter(i -> i.label() == 2).toList())
                .isSortedAccordingTo((a, b) -> Integer.compare(items.indexOf(a), items.indexOf(b)));
    }

    /** A quota per class: the negatives (label 0) may take more than the calcium labels. */
    @Test
    void eachClassHasItsOwnQuota() {
        List<Item> items = new ArrayList<>();
        for (int l = 0; l < 40; l++) {
            for (int v = 0; v < 10; v++) {
                items.add(new Item(0, l, v));
                items.add(new Item(3, 100 + l, v));
            }
        }
        List<Item> s = BalancedSampler.sample(items, Item::label, Item::lesion, (Integer k) -> k == 0 ? 120 : 40, 9);
        assertThat(s.stream().filter(i -> i.label() == 0)).hasSize(120);
        assertThat(s.stream().filter(i -> i.label() == 3)).hasSize(40);
        assertThat(s.stream().filter(i -> i.label() == 0).map(Item::lesion).distinct()).hasSize(40);
        assertThat(BalancedSampler.sample(items, Item::label, Item::lesion, 40, 9))
                .isEqualTo(BalancedSampler.sample(items, Item::label, Item::lesion, (Integer k) -> 40, 9));
    }
}
