/* demo.c — a sample community, drawn from a seeded generator.
 *
 * The generator walks the buildings of the community one by one (building
 * k belongs to compound k mod C and has number k / C + 1, so every
 * compound grows evenly and the first ones exist in a small community),
 * and each building's units, floors and rooms in order, leaving a few rooms
 * empty.  Each occupied room gets a household: its size and shape (a
 * couple, their children, the head's parents; or tenants sharing a flat)
 * first, then ages that fit together, then names, ID numbers, phones,
 * flags.  Randomness comes from splitmix64 over the seed, so nothing here
 * depends on the C library's generator.
 *
 * The name tables are lists of common characters and words — data for a
 * generator, not pinyin readings (those come from ICU, see pinyin.c). */
#include "src/households/demo.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "src/date.h"
#include "src/numbers.h"
#include "src/idset.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the data ------------------------------------------------------------ */

/* Surnames in order of frequency: the draw favours the first ones. */
static const char *const surnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
    "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯",
    "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜",
    "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭",
    "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟",
    "熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯", "龙", "史", "陶", "黎",
    "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "覃", "武", "戴", "莫", "孔",
    "向", "汤", "欧阳", "司马", "诸葛", "上官",
};

/* Given names of people born before 1970, whole. */
static const char *const old_male[] = {
    "建国", "国强", "建华", "志强", "德明", "国华", "振华", "永福", "树林", "长生",
    "福生", "金生", "春生", "秋生", "有才", "建军", "卫东", "文革", "红兵", "国庆",
    "德胜", "宝山", "玉林", "洪", "明", "忠", "义", "福", "贵", "荣", "海", "山",
};
static const char *const old_female[] = {
    "秀英", "桂英", "秀兰", "玉兰", "桂兰", "淑珍", "凤英", "玉珍", "秀珍", "玉梅",
    "桂芳", "淑英", "素珍", "翠兰", "金凤", "秀云", "美英", "兰英", "月英", "桂珍",
    "红梅", "丽华", "英", "兰", "珍", "芬", "凤", "梅", "霞", "萍",
};
/* Characters of given names of later generations, one or two of them. */
static const char *const new_male[] = {
    "浩", "宇", "轩", "子", "博", "文", "俊", "杰", "睿", "泽", "明", "辰", "逸", "晨",
    "昊", "然", "一", "嘉", "豪", "鹏", "超", "伟", "磊", "强", "军", "勇", "涛", "斌",
    "鑫", "凯", "帅", "旭", "峰", "健", "亮", "志", "刚", "平", "辉", "飞", "波", "林",
    "华", "东", "海", "建", "国", "龙", "阳", "宁", "森", "坤", "成", "毅", "佳", "翔",
    "航", "铭", "哲", "瑞",
};
static const char *const new_female[] = {
    "欣", "怡", "梓", "涵", "雨", "萱", "思", "佳", "琪", "诗", "梦", "婷", "雪", "琳",
    "倩", "颖", "洁", "晴", "悦", "可", "馨", "璐", "晶", "莉", "丹", "萍", "芳", "娜",
    "敏", "静", "丽", "艳", "娟", "慧", "巧", "美", "霞", "玲", "燕", "红", "蕾", "薇",
    "月", "彤", "妍", "雯", "瑶", "茜",
};
/* Uyghur and Kazakh names, written in characters with the middle dot:
 * given name · father's given name. */
static const char *const minority_male[] = {
    "买买提", "艾力", "吐尔逊", "阿不都", "努尔兰", "艾克拜尔", "热合曼", "伊力哈木",
};
static const char *const minority_female[] = {
    "阿依古丽", "古丽娜尔", "热依拉", "迪丽娜尔", "帕提古丽", "米热古丽",
};
#define MIDDLE_DOT "\xC2\xB7"
#define RARE_GIVEN "\xE4\xB6\xAE"        /* 䶮 U+4DAE (CJK Extension A) */
#define RARE_SURNAME "\xF0\xA0\xAE\xB7"  /* 𠮷 U+20BB7 (CJK Extension B) */

enum address_style { ST_PLAIN, ST_ZHUANG, ST_DONG, ST_HAOLOU };

static const struct compound {
    const char *name;
    int units, floors, rooms; /* a building: units x floors x rooms per floor */
    enum address_style style; /* how the survey sheet writes the address */
} compounds[] = {
    { "大美南苑", 2, 6, 2, ST_PLAIN },    { "大美北苑", 3, 6, 2, ST_ZHUANG },
    { "翠湖花园", 2, 11, 2, ST_DONG },    { "幸福里小区", 1, 7, 3, ST_HAOLOU },
    { "锦绣家园", 2, 18, 4, ST_ZHUANG },  { "阳光新村", 3, 5, 2, ST_PLAIN },
    { "望江南苑", 2, 24, 3, ST_ZHUANG },  { "金桂苑", 2, 6, 2, ST_DONG },
    { "丽水湾", 2, 26, 4, ST_PLAIN },     { "梧桐公寓", 1, 12, 6, ST_HAOLOU },
    { "紫荆花园", 2, 11, 2, ST_ZHUANG },  { "和平小区", 3, 6, 2, ST_PLAIN },
    { "城东新村", 4, 5, 2, ST_DONG },     { "枫林晚苑", 2, 15, 2, ST_ZHUANG },
    { "桃源居", 2, 9, 2, ST_PLAIN },      { "青年公寓", 1, 20, 8, ST_HAOLOU },
    { "春晖北苑", 2, 6, 2, ST_ZHUANG },   { "香樟园", 2, 11, 3, ST_DONG },
    { "天水苑", 2, 18, 2, ST_PLAIN },     { "明珠花园", 3, 7, 2, ST_ZHUANG },
    { "运河人家", 2, 6, 2, ST_PLAIN },    { "银湖家园", 2, 32, 4, ST_DONG },
    { "朝晖八区", 4, 6, 2, ST_ZHUANG },   { "东方名苑", 2, 17, 2, ST_PLAIN },
};
#define RESIDENTS_PER_COMPOUND 3000 /* a small community: a few compounds */

/* Where ID numbers come from: the six-digit area of household registration. */
struct area {
    const char *code;
    const char *place; /* 户籍地 */
};
static const struct area local_areas[] = {
    { "330102", "浙江省杭州市上城区" }, { "330105", "浙江省杭州市拱墅区" },
    { "330106", "浙江省杭州市西湖区" }, { "330108", "浙江省杭州市滨江区" },
    { "330109", "浙江省杭州市萧山区" }, { "330110", "浙江省杭州市余杭区" },
};
static const struct area other_areas[] = {
    { "341202", "安徽省阜阳市颍州区" },   { "341302", "安徽省宿州市埇桥区" },
    { "411302", "河南省南阳市宛城区" },   { "411602", "河南省周口市川汇区" },
    { "420106", "湖北省武汉市武昌区" },   { "421002", "湖北省荆州市沙市区" },
    { "360702", "江西省赣州市章贡区" },   { "510722", "四川省绵阳市三台县" },
    { "500101", "重庆市万州区" },         { "520302", "贵州省遵义市红花岗区" },
    { "430602", "湖南省岳阳市岳阳楼区" }, { "320382", "江苏省徐州市邳州市" },
    { "370283", "山东省青岛市平度市" },   { "610302", "陕西省宝鸡市渭滨区" },
};
static const struct area minority_areas[] = {
    { "650102", "新疆维吾尔自治区乌鲁木齐市天山区" },
    { "653101", "新疆维吾尔自治区喀什市" },
};

static const char *const mobile_prefixes[] = {
    "139", "138", "137", "136", "135", "134", "150", "151", "152", "157", "158",
    "159", "182", "183", "187", "188", "130", "131", "132", "155", "156", "185",
    "186", "133", "153", "180", "181", "189", "177", "199", "166", "191", "198",
};

static const char *const cities[] = {
    "武汉市", "上海市", "北京市", "广州市", "深圳市", "西安市", "成都市", "郑州市",
    "南京市", "长沙市", "重庆市", "石家庄市", "哈尔滨市", "乌鲁木齐市", "昆明市", "合肥市",
};

static const char *const grid_workers[] = {
    "王丽萍", "陈建华", "李红梅", "张伟", "刘晓燕", "杨志刚", "赵敏", "黄小军",
    "周慧", "吴海峰", "徐芳", "孙涛", "马丽", "朱建国", "胡静", "郭勇",
};

/* ---- the generator ------------------------------------------------------- */

/* The 17-digit bodies of the ID numbers given so far (a set: never twice). */
struct demo {
    uint64_t state;      /* splitmix64 */
    long left;           /* residents still to give */
    long households;     /* given so far */
    int ncompounds;
    long building_slot;  /* see the top of the file */
    int unit, floor, room; /* the next room of the current building (1-based) */
    struct date today;
    struct idset ids;
};

static uint64_t rnd(demo *g)
{
    uint64_t z = (g->state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* 0 .. N-1 (N > 0). */
static int below(demo *g, int n)
{
    return (int)(rnd(g) % (uint64_t)n);
}

/* LO .. HI inclusive. */
static int between(demo *g, int lo, int hi)
{
    return lo + below(g, hi - lo + 1);
}

/* True PER_10000 times in 10,000. */
static bool chance(demo *g, int per_10000)
{
    return below(g, 10000) < per_10000;
}

#define PICK(g, table) ((table)[below((g), (int)COUNT(table))])

demo *demo_open(long n_residents, uint64_t seed)
{
    demo *g = calloc(1, sizeof *g);
    long want;

    if (!g)
        return NULL;
    g->state = seed;
    g->left = n_residents > 0 ? n_residents : 0;
    want = (g->left + RESIDENTS_PER_COMPOUND - 1) / RESIDENTS_PER_COMPOUND;
    g->ncompounds = want < 3 ? 3 : want > (long)COUNT(compounds) ? (int)COUNT(compounds) : (int)want;
    g->unit = g->floor = g->room = 1;
    g->today = clock_today();
    return g;
}

void demo_close(demo **g)
{
    if (!g || !*g)
        return;
    idset_free(&(*g)->ids);
    free(*g);
    *g = NULL;
}

/* ---- addresses ----------------------------------------------------------- */

static const struct compound *current_compound(const demo *g)
{
    return &compounds[g->building_slot % g->ncompounds];
}

/* Moves to the next room, and to the next building after the last room. */
static void advance_room(demo *g)
{
    const struct compound *c = current_compound(g);

    if (++g->room <= c->rooms)
        return;
    g->room = 1;
    if (++g->floor <= c->floors)
        return;
    g->floor = 1;
    if (++g->unit <= c->units)
        return;
    g->unit = 1;
    g->building_slot++;
}

/* The address of the next occupied room (about one in sixteen stands
 * empty), with its grid and grid worker. */
static void next_address(demo *g, struct household *h)
{
    const struct compound *c;
    int building;

    while (below(g, 16) == 0)
        advance_room(g);
    c = current_compound(g);
    building = (int)(g->building_slot / g->ncompounds % 9999) + 1;
    snprintf(h->compound, sizeof h->compound, "%s", c->name);
    snprintf(h->building, sizeof h->building, "%d", building);
    if (c->units > 1)
        snprintf(h->unit, sizeof h->unit, "%d", g->unit);
    snprintf(h->room, sizeof h->room, "%d", g->floor * 100 + g->room);
    /* A grid is four buildings of one compound. */
    int grid = (int)(g->building_slot % g->ncompounds) * 100 + (building - 1) / 4 + 1;
    snprintf(h->grid, sizeof h->grid, "第%d网格", grid);
    snprintf(h->grid_worker, sizeof h->grid_worker, "%s",
             grid_workers[grid % (int)COUNT(grid_workers)]);
    advance_room(g);
}

/* ---- people -------------------------------------------------------------- */

enum role { HEAD, SPOUSE, CHILD, PARENT, TENANT };

struct person {
    enum role role;
    int age;
    char sex; /* 'M' or 'F' */
};

/* The shape of a household of SIZE people: roles, ages and sexes. */
static int plan_family(demo *g, int size, bool tenants, struct person *p)
{
    int n = 0, head_age;
    bool couple = size >= 3 || (size == 2 && chance(g, 7000));
    int children = 0, parents = 0;

    if (tenants) {
        for (int i = 0; i < size; i++)
            p[n++] = (struct person){ i ? TENANT : HEAD, between(g, 19, 45), below(g, 2) ? 'M' : 'F' };
        return n;
    }
    if (size == 1) {
        head_age = chance(g, 5500) ? between(g, 60, 92) : between(g, 20, 59);
        p[n++] = (struct person){ HEAD, head_age, below(g, 2) ? 'M' : 'F' };
        return n;
    }
    if (size <= 3) {
        children = size - 1 - couple;
    } else if (size == 4) {
        bool grandparent = chance(g, 4500);
        children = grandparent ? 1 : 2;
        parents = grandparent;
    } else {
        parents = size == 6 ? 2 : chance(g, 5000) ? 1 : 2;
        children = size - 2 - parents;
    }
    head_age = parents ? between(g, 28, 55) : children ? between(g, 26, 72) : between(g, 22, 85);
    char head_sex = !couple ? (below(g, 2) ? 'M' : 'F') : chance(g, 7500) ? 'M' : 'F';
    p[n++] = (struct person){ HEAD, head_age, head_sex };
    if (couple) {
        int age = head_age + between(g, -4, 4);
        p[n++] = (struct person){ SPOUSE, age < 20 ? 20 : age, head_sex == 'M' ? 'F' : 'M' };
    }
    for (int i = 0; i < children; i++) {
        int age = head_age - between(g, 22, 36);
        p[n++] = (struct person){ CHILD, age < 0 ? below(g, 3) : age, below(g, 2) ? 'M' : 'F' };
    }
    for (int i = 0; i < parents; i++) {
        int age = head_age + between(g, 22, 34);
        char sex = parents == 2 ? (i ? 'F' : 'M') : chance(g, 6000) ? 'F' : 'M';
        p[n++] = (struct person){ PARENT, age > 99 ? 99 : age, sex };
    }
    return n;
}

static const char *relation_of(const struct person *p)
{
    switch (p->role) {
    case HEAD: return "户主";
    case SPOUSE: return "配偶";
    case CHILD: return p->sex == 'M' ? "子" : "女";
    case PARENT: return p->sex == 'M' ? "父" : "母";
    case TENANT: return "其他";
    }
    return "";
}

/* A surname, the common ones more often (and, once in a few thousand, 𠮷). */
static const char *draw_surname(demo *g)
{
    double u = (double)(rnd(g) >> 11) / 9007199254740992.0;

    if (chance(g, 3))
        return RARE_SURNAME;
    return surnames[(size_t)(u * u * (double)COUNT(surnames))];
}

/* A given name for someone born in BIRTH_YEAR (once in a few thousand
 * with 䶮). */
static void draw_given(demo *g, char sex, int birth_year, char *out, size_t outsz)
{
    if (chance(g, 3)) {
        snprintf(out, outsz, "%s", RARE_GIVEN);
        return;
    }
    if (birth_year < 1970 && chance(g, 8000)) {
        snprintf(out, outsz, "%s", sex == 'M' ? PICK(g, old_male) : PICK(g, old_female));
        return;
    }
    const char *a = sex == 'M' ? PICK(g, new_male) : PICK(g, new_female);
    if (chance(g, 3000))
        snprintf(out, outsz, "%s", a);
    else
        snprintf(out, outsz, "%s%s", a, sex == 'M' ? PICK(g, new_male) : PICK(g, new_female));
}

static struct date birth_date_for(demo *g, int age)
{
    struct date b = { g->today.y - age, g->today.m, g->today.d };

    if (!date_valid(b))
        b.d = 28; /* 29 February in a year without it */
    /* A birthday still to come this year, or just passed: one of the 365
     * days before the day the age was reached (at least one day old). */
    return date_add_days(b, -(long)(age == 0 ? between(g, 1, 360) : below(g, 365)));
}

/* A resident ID number (GB 11643) of AREA for birth date B and SEX, never
 * given before, into OUT (19 bytes).  -1 when out of memory. */
static int make_id(demo *g, const char *area, struct date b, char sex, char *out)
{
    for (;;) {
        int seq = below(g, 500) * 2 + (sex == 'M'); /* the sequence: odd for men */
        char body[18];
        snprintf(body, sizeof body, "%.6s%04d%02d%02d%03d", area, b.y, b.m, b.d, seq);
        int fresh = idset_add(&g->ids, strtoull(body, NULL, 10));
        if (fresh < 0)
            return -1;
        if (fresh) {
            snprintf(out, 19, "%s%c", body, id_check_char(body));
            return 0;
        }
    }
}

static void make_mobile(demo *g, char *out, size_t outsz)
{
    snprintf(out, outsz, "%s%08d", PICK(g, mobile_prefixes), below(g, 100000000));
}

/* Does someone of AGE carry a mobile phone? */
static bool has_mobile(demo *g, int age)
{
    if (age < 14)
        return false;
    if (age < 18)
        return chance(g, 4000);
    if (age < 75)
        return chance(g, 9700);
    return chance(g, 5000);
}

/* Care flags, a returnee's journey, a move out and the notes of R. */
static void draw_circumstances(demo *g, const struct person *p, int size, struct resident *r)
{
    if (size == 1 && p->age >= 65 && chance(g, 7000))
        r->flags |= CARE_ALONE_ELDERLY;
    if (chance(g, 150))
        r->flags |= CARE_DISABLED;
    if (p->sex == 'F' && p->age >= 22 && p->age <= 40 && p->role != PARENT && chance(g, 400))
        r->flags |= CARE_PREGNANT;
    if (p->age >= 55 && chance(g, 1800))
        r->flags |= CARE_CHRONIC;
    if (p->age < 3)
        r->flags |= CARE_INFANT;
    if (p->age >= 18 && chance(g, 30))
        r->flags |= CARE_KEY_PERSON;

    if (p->age >= 16 && p->age <= 65 && chance(g, 300)) {
        struct date on = date_add_days(g->today, -(long)below(g, 14));
        snprintf(r->returned_from, sizeof r->returned_from, "%s", PICK(g, cities));
        date_format(on, r->arrived_on, sizeof r->arrived_on);
        switch (below(g, 4)) {
        case 0: snprintf(r->travel_notes, sizeof r->travel_notes, "乘G%d次高铁", between(g, 1, 2999)); break;
        case 1: snprintf(r->travel_notes, sizeof r->travel_notes, "自驾返回"); break;
        case 2: snprintf(r->travel_notes, sizeof r->travel_notes, "乘飞机抵杭"); break;
        default: snprintf(r->travel_notes, sizeof r->travel_notes, "乘长途客车返回"); break;
        }
    } else if (p->role != HEAD && chance(g, 50)) {
        date_format(date_add_days(g->today, -(long)between(g, 15, 700)), r->moved_out_on,
                    sizeof r->moved_out_on);
        snprintf(r->moved_to, sizeof r->moved_to, "%s", chance(g, 5000) ? "本市其他小区" : PICK(g, cities));
    }

    if (r->flags & CARE_ALONE_ELDERLY)
        snprintf(r->notes, sizeof r->notes, "%s", chance(g, 5000) ? "独居，子女在外地" : "独居，每周探访");
    else if (r->flags & CARE_DISABLED)
        /* a comma of the ASCII kind: the spreadsheet quotes this cell */
        snprintf(r->notes, sizeof r->notes, "%s", chance(g, 5000) ? "住一楼, 腿脚不便" : "行动不便");
    else if (r->flags & CARE_PREGNANT)
        snprintf(r->notes, sizeof r->notes, "孕%d周", between(g, 8, 38));
    else if (r->flags & CARE_CHRONIC)
        snprintf(r->notes, sizeof r->notes, "%s", chance(g, 5000) ? "高血压，需定期取药" : "糖尿病");
}

/* The surname of person I of the plan P of N people.  LINE is the
 * family's name: the husband's (or the single head's), which the children
 * carry; a wife keeps her own; the head's father carries the head's name
 * (*HEAD_LINE, set when the head is named); mothers and tenants have
 * their own. */
static const char *surname_of(demo *g, const struct person *p, int n, int i, const char *line,
                              const char **head_line)
{
    bool married_woman = (p[i].role == HEAD || p[i].role == SPOUSE) && p[i].sex == 'F' && n > 1
                      && p[1].role == SPOUSE;
    const char *s;

    if (p[i].role == TENANT || married_woman || (p[i].role == PARENT && p[i].sex == 'F'))
        s = draw_surname(g);
    else if (p[i].role == PARENT)
        s = *head_line ? *head_line : line;
    else
        s = line;
    if (p[i].role == HEAD)
        *head_line = s;
    return s;
}

/* Fills the residents of O from the plan P of N people. */
static int fill_people(demo *g, struct demo_household *o, const struct person *p, int n,
                       bool floating)
{
    const struct area *family_area = floating ? &PICK(g, other_areas) : &PICK(g, local_areas);
    /* The two rare characters appear early, so that even a small community
     * has them: the second household's head is named 䶮, the third
     * household's family name is 𠮷. */
    bool minority = g->households > 2 && chance(g, 40);
    const char *line = g->households == 2 ? RARE_SURNAME : draw_surname(g);
    const char *head_line = NULL;
    char father_given[32] = "";

    if (minority) {
        family_area = &PICK(g, minority_areas);
        snprintf(father_given, sizeof father_given, "%s", PICK(g, minority_male));
    }
    for (int i = 0; i < n; i++) {
        struct resident *r = &o->r[i];
        struct date b = birth_date_for(g, p[i].age);
        const struct area *area = p[i].role == TENANT ? &PICK(g, other_areas) : family_area;
        char given[32];

        memset(r, 0, sizeof *r);
        if (minority) {
            /* given name · the father's given name: the children's father
             * is the man of the couple (who comes before them) */
            const char *own = p[i].sex == 'M' ? PICK(g, minority_male) : PICK(g, minority_female);
            const char *father = p[i].role == CHILD ? father_given : PICK(g, minority_male);
            snprintf(r->name, sizeof r->name, "%s" MIDDLE_DOT "%s", own, father);
            if ((p[i].role == HEAD || p[i].role == SPOUSE) && p[i].sex == 'M')
                snprintf(father_given, sizeof father_given, "%s", own);
        } else {
            draw_given(g, p[i].sex, b.y, given, sizeof given);
            if (g->households == 1 && i == 0)
                snprintf(given, sizeof given, "%s", RARE_GIVEN);
            snprintf(r->name, sizeof r->name, "%s%s", surname_of(g, p, n, i, line, &head_line), given);
        }
        snprintf(r->sex, sizeof r->sex, "%c", p[i].sex);
        snprintf(r->relation, sizeof r->relation, "%s", relation_of(&p[i]));
        /* Half the babies are not registered yet. */
        if (p[i].age >= 1 || chance(g, 5000)) {
            if (make_id(g, area->code, b, p[i].sex, r->id_number) != 0)
                return -1;
            r->id_kind = IDK_RESIDENT;
        }
        date_format(b, r->birth_date, sizeof r->birth_date);
        if (has_mobile(g, p[i].age))
            make_mobile(g, r->phone, sizeof r->phone);
        r->floating = floating || minority || p[i].role == TENANT;
        if (r->floating)
            snprintf(r->hukou_place, sizeof r->hukou_place, "%s", area->place);
        draw_circumstances(g, &p[i], n, r);
    }
    return 0;
}

static int draw_size(demo *g)
{
    static const int weight[] = { 14, 26, 30, 17, 9, 4 }; /* 1 to 6 people, in 100 */
    int x = below(g, 100);

    for (int i = 0; i < (int)COUNT(weight); i++) {
        if (x < weight[i])
            return i + 1;
        x -= weight[i];
    }
    return 3;
}

bool demo_next(demo *g, struct demo_household *o)
{
    struct person plan[DEMO_MAX_MEMBERS];
    int size, n;
    bool tenants, rented;

    if (!g || g->left <= 0)
        return false;
    memset(&o->h, 0, sizeof o->h);
    next_address(g, &o->h);
    size = draw_size(g);
    tenants = size >= 3 && chance(g, 250); /* 群租: a flat shared by tenants */
    rented = tenants || chance(g, 1600);
    o->h.kind = tenants ? HH_GROUP_RENTAL : rented ? HH_RENTED : HH_OWNER;
    if (chance(g, 1200))
        snprintf(o->h.phone, sizeof o->h.phone, "0571-8%07d", below(g, 10000000));
    if (size > g->left)
        size = (int)g->left;
    n = plan_family(g, size, tenants, plan);
    if (fill_people(g, o, plan, n, rented) != 0)
        return false;
    o->n = n;
    g->left -= n;
    g->households++;
    return true;
}

/* ---- into the database --------------------------------------------------- */

static int fill_household(hh_writer *w, struct demo_household *o, struct demo_counts *c)
{
    int64_t id;
    bool created;

    if (hh_writer_household(w, &o->h, &id, NULL) != 0)
        return -1;
    c->households++;
    for (int i = 0; i < o->n; i++) {
        o->r[i].household_id = id;
        if (hh_writer_resident(w, &o->r[i], &created) != 0)
            return -1;
        c->residents++;
    }
    return 0;
}

/* Every household and resident of G through W, loaded in bulk. */
static int fill_all(hh_writer *w, demo *g, long n_residents, uint64_t seed, struct demo_counts *c)
{
    struct demo_household o;
    char from[64];
    int rc = hh_writer_bulk_begin(w, n_residents);

    while (rc == 0 && demo_next(g, &o))
        rc = fill_household(w, &o, c);
    if (rc == 0 && c->residents != n_residents)
        rc = -1; /* out of memory in the generator */
    snprintf(from, sizeof from, "demo community, seed %llu", (unsigned long long)seed);
    struct hh_load load = {
        .what = "demo", .file = from, .rows = c->residents,
        .households_created = c->households, .residents_created = c->residents,
    };
    if (rc == 0)
        rc = hh_writer_bulk_end(w, &load);
    return rc;
}

int demo_fill(db *d, long n_residents, uint64_t seed, struct demo_counts *counts)
{
    struct demo_counts c = { 0, 0 };
    demo *g = demo_open(n_residents, seed);
    hh_writer *w = hh_writer_open(d);
    int rc = g && w && db_begin(d) == 0 ? 0 : -1;

    if (rc == 0) {
        rc = fill_all(w, g, n_residents, seed, &c);
        if (rc == 0)
            rc = db_commit(d);
        else
            db_rollback(d);
    }
    hh_writer_close(&w);
    demo_close(&g);
    if (counts)
        *counts = rc == 0 ? c : (struct demo_counts){ 0, 0 };
    return rc;
}

/* ---- as a survey spreadsheet --------------------------------------------- */

/* One CSV field: quoted when it holds a comma, a quote or a line break. */
static void put_field(FILE *f, const char *s, bool last)
{
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', f);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', f);
            fputc(*s, f);
        }
        fputc('"', f);
    } else {
        fputs(s, f);
    }
    fputc(last ? '\n' : ',', f);
}

/* The address parts as the compound's survey sheet writes them. */
static void styled_address(const struct household *h, char *b, char *u, char *r, size_t sz)
{
    enum address_style st = ST_PLAIN;

    for (size_t i = 0; i < COUNT(compounds); i++)
        if (strcmp(compounds[i].name, h->compound) == 0)
            st = compounds[i].style;
    snprintf(b, sz, "%s%s", h->building,
             st == ST_ZHUANG ? "幢" : st == ST_DONG ? "栋" : st == ST_HAOLOU ? "号楼" : "");
    snprintf(u, sz, "%s%s", h->unit, *h->unit && st != ST_DONG && st != ST_PLAIN ? "单元" : "");
    snprintf(r, sz, "%s%s", h->room, st == ST_ZHUANG ? "室" : "");
}

/* What the survey clerk wrote in the notes column. */
static void csv_notes(const struct resident *r, char *out, size_t outsz)
{
    static const char *const flag_words[] = { "独居老人", "残疾人", "孕妇", "慢性病", "婴幼儿", "重点人员" };
    size_t o = 0;

    out[0] = '\0';
    for (int i = 0; i < (int)COUNT(flag_words); i++)
        if ((r->flags & (1u << i)) && o + 1 < outsz)
            o += (size_t)snprintf(out + o, outsz - o, "%s%s", o ? "、" : "", flag_words[i]);
    if (*r->arrived_on && o + 1 < outsz)
        o += (size_t)snprintf(out + o, outsz - o, "%s%.2s月%.2s日自%s返回，%s", o ? "；" : "",
                              r->arrived_on + 5, r->arrived_on + 8, r->returned_from,
                              r->travel_notes);
    if (*r->notes && o + 1 < outsz)
        snprintf(out + o, outsz - o, "%s%s", o ? "；" : "", r->notes);
}

int demo_write_csv(FILE *f, long n_residents, uint64_t seed)
{
    struct demo_household o;
    demo *g = demo_open(n_residents, seed);
    long given = 0;

    if (!g) {
        errno = ENOMEM;
        return -1;
    }
    fputs("姓名,性别,身份证号,联系电话,小区,楼栋,单元,房号,与户主关系,备注\n", f);
    while (demo_next(g, &o)) {
        char b[32], u[32], r[32], notes[512];
        styled_address(&o.h, b, u, r, sizeof b);
        for (int i = 0; i < o.n; i++) {
            const struct resident *p = &o.r[i];
            csv_notes(p, notes, sizeof notes);
            put_field(f, p->name, false);
            put_field(f, p->sex[0] == 'M' ? "男" : "女", false);
            put_field(f, p->id_number, false);
            put_field(f, p->phone, false);
            put_field(f, o.h.compound, false);
            put_field(f, b, false);
            put_field(f, u, false);
            put_field(f, r, false);
            put_field(f, p->relation, false);
            put_field(f, notes, true);
            given++;
        }
    }
    demo_close(&g);
    if (given != n_residents && n_residents > 0)
        errno = ENOMEM;
    if (fflush(f) != 0 || ferror(f) || (given != n_residents && n_residents > 0))
        return -1;
    return 0;
}
